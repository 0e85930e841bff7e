using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

/// <summary>How a coarse score map is brought back to the image size (the segmentation lecture: "two basic ways").</summary>
public enum Upsampling
{
    /// <summary>A learned transposed convolution (stride = the upsampling factor).</summary>
    TransposedConvolution,
    /// <summary>Bilinear up-sampling followed by an ordinary 3×3 convolution.</summary>
    UpsampleThenConvolve,
}

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

/// <summary>
/// A fully convolutional network (Long, Shelhamer and Darrell 2015, "Fully Convolutional Networks for Semantic Segmentation"): a classification-style encoder that shrinks the image
/// 4× with pooling, a 1×1 convolution whose depth is the number of classes, and one up-sampling step back to
/// full size (FCN-32s-like here: no skips), then a pixel-wise softmax (in the loss).
/// </summary>
public sealed class Fcn : Module<Tensor, Tensor>
{
    private readonly Sequential encoder;
    private readonly Module<Tensor, Tensor> classifier;
    private readonly Module<Tensor, Tensor> up;

    /// <summary>An FCN for <paramref name="classes"/> classes, up-sampling 4× the chosen way.</summary>
    public Fcn(int classes, Upsampling upsampling = Upsampling.TransposedConvolution, int width = 16) : base(nameof(Fcn))
    {
        encoder = Sequential(
            SegmentationBlocks.DoubleConv(1, width), MaxPool2d(2),
            SegmentationBlocks.DoubleConv(width, 2 * width), MaxPool2d(2),
            SegmentationBlocks.DoubleConv(2 * width, 4 * width));
        classifier = Conv2d(4 * width, classes, 1);
        up = upsampling == Upsampling.TransposedConvolution
            ? ConvTranspose2d(classes, classes, 8, stride: 4, padding: 2)
            : Sequential(Upsample(scale_factor: new double[] { 4, 4 }, mode: UpsampleMode.Bilinear, align_corners: false), Conv2d(classes, classes, 3, padding: 1));
        RegisterComponents();
    }

    /// <summary>N×1×H×W → N×K×H×W scores (H, W multiples of 4).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return up.forward(classifier.forward(encoder.forward(input))).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// The segmentation lecture's "Alternative I" (dilated convolutions, Yu and Koltun 2016, "Multi-Scale Context Aggregation by Dilated Convolutions"): no pooling at all, so no resolution is lost; the receptive field grows with
/// dilated convolutions instead (dilations 1, 2, 4, 8: k * I, k'₂ * k * I, k''₄ * k'₂ * k * I …).
/// </summary>
public sealed class DilatedNet : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>A dilated network for <paramref name="classes"/> classes.</summary>
    public DilatedNet(int classes, int width = 16) : base(nameof(DilatedNet))
    {
        layers = Sequential(
            Conv2d(1, width, 3, padding: 1), ReLU(),
            Conv2d(width, width, 3, padding: 2, dilation: 2), ReLU(),
            Conv2d(width, width, 3, padding: 4, dilation: 4), ReLU(),
            Conv2d(width, width, 3, padding: 8, dilation: 8), ReLU(),
            Conv2d(width, width, 3, padding: 1), ReLU(),
            Conv2d(width, classes, 1));
        RegisterComponents();
    }

    /// <summary>N×1×H×W → N×K×H×W scores.</summary>
    public override Tensor forward(Tensor input) => layers.forward(input);
}

/// <summary>
/// A small U-Net (Ronneberger, Fischer and Brox 2015, "U-Net: Convolutional Networks for Biomedical Image Segmentation"; the segmentation lecture's "Alternative II: skip connections"): an encoder that pools twice, a decoder that
/// up-samples twice, and skip connections that concatenate each encoder level's high-resolution features to the
/// decoder, so neighbouring boundary pixels can be told apart. With <c>skips: false</c> the same network without
/// the concatenations, for the lecture's comparison.
/// </summary>
public sealed class UNet : Module<Tensor, Tensor>
{
    private readonly Sequential enc1, enc2, bottom, dec2, dec1;
    private readonly Module<Tensor, Tensor> up2, up1, head;
    private readonly MaxPool2d pool;

    /// <summary>A U-Net for <paramref name="classes"/> classes with <paramref name="width"/> channels at full resolution.</summary>
    public UNet(int classes, bool skips = true, int width = 8, Upsampling upsampling = Upsampling.TransposedConvolution) : base(nameof(UNet))
    {
        Skips = skips;
        enc1 = SegmentationBlocks.DoubleConv(1, width);
        enc2 = SegmentationBlocks.DoubleConv(width, 2 * width);
        bottom = SegmentationBlocks.DoubleConv(2 * width, 4 * width);
        up2 = SegmentationBlocks.Up(4 * width, 2 * width, upsampling);
        dec2 = SegmentationBlocks.DoubleConv(skips ? 4 * width : 2 * width, 2 * width);
        up1 = SegmentationBlocks.Up(2 * width, width, upsampling);
        dec1 = SegmentationBlocks.DoubleConv(skips ? 2 * width : width, width);
        head = Conv2d(width, classes, 1);
        pool = MaxPool2d(2);
        RegisterComponents();
    }

    /// <summary>Whether the skip connections are used.</summary>
    public bool Skips { get; }

    /// <summary>N×1×H×W → N×K×H×W scores (H, W multiples of 4).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var e1 = enc1.forward(input);                 // H
        var e2 = enc2.forward(pool.forward(e1));      // H/2
        var b = bottom.forward(pool.forward(e2));     // H/4
        var u2 = up2.forward(b);                      // H/2
        var d2 = dec2.forward(Skips ? cat(new[] { u2, e2 }, 1) : u2);
        var u1 = up1.forward(d2);                     // H
        var d1 = dec1.forward(Skips ? cat(new[] { u1, e1 }, 1) : u1);
        return head.forward(d1).MoveToOuterDisposeScope();
    }
}
