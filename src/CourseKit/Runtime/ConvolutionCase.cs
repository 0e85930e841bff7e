namespace CourseKit.Runtime;

/// <summary>
/// One 2-D convolution configuration whose gradients the kit compares between libtorch's oneDNN kernels and ATen's own
/// (see <see cref="ConvolutionGradientProbe"/>).
/// </summary>
/// <param name="Batch">Images in the batch (N).</param>
/// <param name="InChannels">Input channels (C_in).</param>
/// <param name="Size">Height and width of the (square) input.</param>
/// <param name="OutChannels">Output channels (C_out).</param>
/// <param name="Kernel">Height and width of the (square) kernel.</param>
/// <param name="Stride">Stride in both directions.</param>
/// <param name="Padding">Zero padding on every side.</param>
/// <param name="Dilation">Spacing between kernel taps.</param>
/// <param name="Groups">Channel groups (C_in and C_out must both be divisible by it).</param>
/// <param name="Transposed">True for a transposed convolution (<c>conv_transpose2d</c>).</param>
/// <param name="Wants">Which gradients the backward pass is asked for (libtorch skips the others).</param>
public sealed record ConvolutionCase(
    int Batch, int InChannels, int Size, int OutChannels, int Kernel,
    int Stride = 1, int Padding = 0, int Dilation = 1, int Groups = 1, bool Transposed = false,
    ConvolutionGradients Wants = ConvolutionGradients.Both)
{
    /// <summary>A compact label such as <c>16×8×6×6 ∗ 8×8×7×7 p3</c>, with s/d/g/T only where they differ from the default.</summary>
    public override string ToString()
    {
        string weight = Transposed
            ? $"{InChannels}×{OutChannels / Groups}×{Kernel}×{Kernel}"
            : $"{OutChannels}×{InChannels / Groups}×{Kernel}×{Kernel}";
        var options = new List<string>();
        if (Stride != 1) options.Add($"s{Stride}");
        if (Padding != 0) options.Add($"p{Padding}");
        if (Dilation != 1) options.Add($"d{Dilation}");
        if (Groups != 1) options.Add($"g{Groups}");
        if (Transposed) options.Add("T");
        if (Wants != ConvolutionGradients.Both) options.Add(Wants == ConvolutionGradients.InputOnly ? "dX only" : "dW only");
        return $"{Batch}×{InChannels}×{Size}×{Size} ∗ {weight}" + (options.Count > 0 ? " " + string.Join(' ', options) : "");
    }
}
