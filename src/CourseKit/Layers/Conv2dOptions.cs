using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>Stride, padding, dilation and groups of a 2-D convolution or pooling window (the same in both directions).</summary>
/// <param name="Stride">Step between neighbouring windows.</param>
/// <param name="Padding">Zeros added on each side of the input.</param>
/// <param name="Dilation">Spacing between kernel taps (1 = a dense kernel).</param>
/// <param name="Groups">Input and output channels are split into this many groups, each convolved separately.</param>
public sealed record Conv2dOptions(int Stride = 1, int Padding = 0, int Dilation = 1, int Groups = 1)
{
    /// <summary>
    /// Output size along one dimension: ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.
    /// Without padding, stride 1 and dilation 1 this is the lecture's in − (kernel − 1).
    /// </summary>
    public int OutputSize(int inputSize, int kernelSize) =>
        (inputSize + 2 * Padding - Dilation * (kernelSize - 1) - 1) / Stride + 1;

    internal void Check(string layer)
    {
        if (Stride < 1 || Dilation < 1 || Groups < 1 || Padding < 0)
            throw new ArgumentException($"{layer}: stride, dilation and groups must be ≥ 1 and padding ≥ 0, but got {this}.");
    }
}
