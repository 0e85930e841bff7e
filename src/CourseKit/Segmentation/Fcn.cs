using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

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
