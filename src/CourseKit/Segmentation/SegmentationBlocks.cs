using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

/// <summary>Two 3×3 convolutions with ReLU (padding 1 keeps the size), the building block of the networks below.</summary>
public static class SegmentationBlocks
{
    /// <summary>conv3×3 → ReLU → conv3×3 → ReLU, optionally dilated.</summary>
    public static Sequential DoubleConv(long input, long output, long dilation = 1) => Sequential(
        Conv2d(input, output, 3, padding: dilation, dilation: dilation), ReLU(),
        Conv2d(output, output, 3, padding: dilation, dilation: dilation), ReLU());

    /// <summary>Up-sampling by 2 (or <paramref name="factor"/>) the chosen way.</summary>
    public static Module<Tensor, Tensor> Up(long input, long output, Upsampling how, int factor = 2) => how switch
    {
        Upsampling.TransposedConvolution => ConvTranspose2d(input, output, factor, stride: factor),
        _ => Sequential(Upsample(scale_factor: new double[] { factor, factor }, mode: UpsampleMode.Bilinear, align_corners: false),
            Conv2d(input, output, 3, padding: 1)),
    };
}
