using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

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
