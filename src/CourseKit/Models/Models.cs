using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// LeNet-5 (LeCun, Bottou, Bengio and Haffner, 1998) in its original layout, for 1×28×28 digits:
/// <code>
/// input 32×32 (MNIST's 28×28 with 2 pixels of zero padding, done by C1's padding = 2)
/// C1  6@28×28  conv 5×5        S2  6@14×14  2×2 pooling
/// C3 16@10×10  conv 5×5        S4 16@5×5    2×2 pooling
/// C5 120@1×1   conv 5×5 (a fully connected layer in effect)
/// F6 84        fully connected output 10
/// </code>
/// 61,706 parameters. By default it uses ReLU and max pooling: they train to ≥ 98.8% in a couple of epochs with
/// Adam. <c>original: true</c> gives the 1998 choices instead, tanh and average pooling ("subsampling"), which
/// train a little slower to about the same accuracy (the 1998 paper's trainable subsampling coefficients and its
/// sparse C3 connection table are left out, as every modern re-implementation does).
/// </summary>
public sealed class LeNet5 : StagedModel
{
    /// <summary>LeNet-5 for <paramref name="inputChannels"/>×<paramref name="inputSize"/>² inputs (28 or 32).</summary>
    public LeNet5(int classes = 10, bool original = false, int inputChannels = 1, int inputSize = 28)
        : base("LeNet5", Layout(classes, original, inputChannels, inputSize)) { }

    private static (string, Module<Tensor, Tensor>)[] Layout(int classes, bool original, int inputChannels, int inputSize)
    {
        if (inputSize != 28 && inputSize != 32)
            throw new ArgumentException($"LeNet-5 takes 28×28 (padded to 32) or 32×32 inputs, not {inputSize}×{inputSize}; resize the images first.");
        Module<Tensor, Tensor> Act() => original ? Tanh() : ReLU();
        Module<Tensor, Tensor> Pool() => original ? AvgPool2d(2) : MaxPool2d(2);
        return
        [
            ("c1", Conv2d(inputChannels, 6, 5, padding: (32 - inputSize) / 2)), ("a1", Act()), ("s2", Pool()),
            ("c3", Conv2d(6, 16, 5)), ("a3", Act()), ("s4", Pool()),
            ("c5", Conv2d(16, 120, 5)), ("a5", Act()), ("flatten", Flatten()),
            ("f6", Linear(120, 84)), ("a6", Act()),
            ("output", Linear(84, classes)),
        ];
    }
}

/// <summary>
/// A small VGG-style network (Simonyan and Zisserman, 2014): only 3×3 convolutions, two per block, each block
/// ending in 2×2 max pooling and doubling the channels; then two fully connected layers. Batch norm after each
/// convolution so it trains in a few epochs on a CPU.
/// </summary>
public sealed class SmallVgg : StagedModel
{
    /// <summary>Three blocks of <paramref name="width"/>, 2×, 4× channels for <paramref name="inputSize"/>² images.</summary>
    public SmallVgg(int classes = 10, int inputChannels = 1, int width = 16, int inputSize = 28)
        : base("SmallVgg",
            ("block1", Block(inputChannels, width)),
            ("block2", Block(width, 2 * width)),
            ("block3", Block(2 * width, 4 * width)),
            ("flatten", Flatten()),
            ("fc1", Linear(4 * width * (inputSize / 8) * (inputSize / 8), 128)), ("relu", ReLU()), ("dropout", Dropout(0.3)),
            ("output", Linear(128, classes))) { }

    private static Module<Tensor, Tensor> Block(int inChannels, int outChannels) => Sequential(
        Conv2d(inChannels, outChannels, 3, padding: 1), BatchNorm2d(outChannels), ReLU(),
        Conv2d(outChannels, outChannels, 3, padding: 1), BatchNorm2d(outChannels), ReLU(),
        MaxPool2d(2));
}

/// <summary>
/// A residual block (He et al., 2015): y = ReLU(F(x) + shortcut(x)) with F = conv-BN-ReLU-conv-BN. The shortcut is
/// the identity, or a 1×1 convolution when the block changes the channels or the resolution.
/// </summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> residual;
    private readonly Module<Tensor, Tensor> shortcut;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>, downsampling by <paramref name="stride"/>.</summary>
    public ResidualBlock(int inChannels, int outChannels, int stride = 1) : base("ResidualBlock")
    {
        residual = Sequential(
            Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false), BatchNorm2d(outChannels), ReLU(),
            Conv2d(outChannels, outChannels, 3, padding: 1, bias: false), BatchNorm2d(outChannels));
        shortcut = stride == 1 && inChannels == outChannels
            ? Identity()
            : Sequential(Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), BatchNorm2d(outChannels));
        RegisterComponents();
    }

    /// <summary>y = ReLU(F(x) + shortcut(x)).</summary>
    public override Tensor forward(Tensor x) => functional.relu(residual.forward(x) + shortcut.forward(x));
}

/// <summary>
/// A small ResNet: a 3×3 stem, three stages of residual blocks (the second and third halve the resolution and
/// double the channels), global average pooling and one linear layer.
/// </summary>
public sealed class SmallResNet : StagedModel
{
    /// <summary>Stages of <paramref name="width"/>, 2×, 4× channels.</summary>
    public SmallResNet(int classes = 10, int inputChannels = 1, int width = 16)
        : base("SmallResNet",
            ("stem", Sequential(Conv2d(inputChannels, width, 3, padding: 1, bias: false), BatchNorm2d(width), ReLU())),
            ("stage1", new ResidualBlock(width, width)),
            ("stage2", new ResidualBlock(width, 2 * width, stride: 2)),
            ("stage3", new ResidualBlock(2 * width, 4 * width, stride: 2)),
            ("gap", AdaptiveAvgPool2d(1)), ("flatten", Flatten()),
            ("output", Linear(4 * width, classes))) { }
}

/// <summary>
/// A convolutional classifier that ends in global average pooling and a single linear layer (Lin et al., 2013;
/// Zhou et al., 2016). Because the class score is a weighted sum of the last feature maps' means, the same weights
/// applied to the maps themselves give a class activation map: CAM_c = Σ_k w[c, k] · features_k.
/// </summary>
public sealed class GapClassifier : StagedModel
{
    /// <summary>Convolutions of <paramref name="width"/>, 2×, 4× channels; the last maps are a quarter of the input size.</summary>
    public GapClassifier(int classes = 10, int inputChannels = 1, int width = 16)
        : base("GapClassifier",
            ("features", Sequential(
                Conv2d(inputChannels, width, 3, padding: 1), BatchNorm2d(width), ReLU(), MaxPool2d(2),
                Conv2d(width, 2 * width, 3, padding: 1), BatchNorm2d(2 * width), ReLU(), MaxPool2d(2),
                Conv2d(2 * width, 4 * width, 3, padding: 1), BatchNorm2d(4 * width), ReLU())),
            ("gap", AdaptiveAvgPool2d(1)), ("flatten", Flatten()),
            ("classifier", Linear(4 * width, classes)))
    {
        FeatureChannels = 4 * width;
    }

    /// <summary>The number of channels of the last convolution (K in the CAM formula).</summary>
    public int FeatureChannels { get; }

    /// <summary>The "features" stage: conv → batch norm → ReLU three times, with 2×2 max pooling after the first two.</summary>
    public TorchSharp.Modules.Sequential FeatureLayers => (TorchSharp.Modules.Sequential)Stages[0].Stage;

    /// <summary>The last convolutional feature maps, N×K×H/4×W/4.</summary>
    public Tensor Features(Tensor x) => ForwardUntil(x, "features");

    /// <summary>The linear layer's weights, classes×K: w[c, k] in the CAM formula.</summary>
    public Tensor ClassifierWeights => ((TorchSharp.Modules.Linear)Stages[^1].Stage).weight!;

    /// <summary>The classifier's bias, one per class.</summary>
    public Tensor ClassifierBias => ((TorchSharp.Modules.Linear)Stages[^1].Stage).bias!;
}

/// <summary>
/// A compact AlexNet-style network (Krizhevsky, Sutskever and Hinton, 2012) for 28×28 images: a large first
/// kernel, ReLU, overlapping max pooling, then wide fully connected layers with dropout — most parameters sit in
/// the fully connected layers, as in the original.
/// </summary>
public sealed class SmallAlexNet : StagedModel
{
    /// <summary>Five convolutions (one 5×5, four 3×3) and three fully connected layers.</summary>
    public SmallAlexNet(int classes = 10, int inputChannels = 1)
        : base("SmallAlexNet",
            ("conv1", Conv2d(inputChannels, 24, 5, padding: 2)), ("relu1", ReLU()), ("pool1", MaxPool2d(3, stride: 2)),
            ("conv2", Conv2d(24, 48, 3, padding: 1)), ("relu2", ReLU()), ("pool2", MaxPool2d(3, stride: 2)),
            ("conv3", Conv2d(48, 64, 3, padding: 1)), ("relu3", ReLU()),
            ("conv4", Conv2d(64, 64, 3, padding: 1)), ("relu4", ReLU()),
            ("conv5", Conv2d(64, 48, 3, padding: 1)), ("relu5", ReLU()), ("pool5", MaxPool2d(3, stride: 2)),
            ("flatten", Flatten()),
            ("dropout6", Dropout(0.5)), ("fc6", Linear(48 * 2 * 2, 256)), ("relu6", ReLU()),
            ("dropout7", Dropout(0.5)), ("fc7", Linear(256, 256)), ("relu7", ReLU()),
            ("output", Linear(256, classes))) { }
}

/// <summary>
/// An Inception module (Szegedy et al., 2014, GoogLeNet): four parallel branches — 1×1, 1×1→3×3, 1×1→5×5 and
/// 3×3 max pooling→1×1 — concatenated along the channels. The 1×1 convolutions shrink the channels first, which
/// keeps the wide block cheap.
/// </summary>
public sealed class InceptionBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> branch1, branch3, branch5, branchPool;

    /// <summary>A block whose output has <c>c1 + c3 + c5 + cPool</c> channels.</summary>
    public InceptionBlock(int inChannels, int c1, int reduce3, int c3, int reduce5, int c5, int cPool) : base("InceptionBlock")
    {
        branch1 = Sequential(Conv2d(inChannels, c1, 1), ReLU());
        branch3 = Sequential(Conv2d(inChannels, reduce3, 1), ReLU(), Conv2d(reduce3, c3, 3, padding: 1), ReLU());
        branch5 = Sequential(Conv2d(inChannels, reduce5, 1), ReLU(), Conv2d(reduce5, c5, 5, padding: 2), ReLU());
        branchPool = Sequential(MaxPool2d(3, stride: 1, padding: 1), Conv2d(inChannels, cPool, 1), ReLU());
        RegisterComponents();
    }

    /// <summary>The four branches side by side.</summary>
    public override Tensor forward(Tensor x) =>
        cat([branch1.forward(x), branch3.forward(x), branch5.forward(x), branchPool.forward(x)], 1);
}

/// <summary>A small GoogLeNet: a stem, two Inception blocks with pooling between, global average pooling, linear.</summary>
public sealed class SmallGoogLeNet : StagedModel
{
    /// <summary>Stem of 32 channels, Inception blocks of 64 and 96 channels.</summary>
    public SmallGoogLeNet(int classes = 10, int inputChannels = 1)
        : base("SmallGoogLeNet",
            ("stem", Sequential(Conv2d(inputChannels, 32, 3, padding: 1), ReLU(), MaxPool2d(2))),
            ("inception1", new InceptionBlock(32, 16, 16, 24, 4, 8, 16)),
            ("pool", MaxPool2d(2)),
            ("inception2", new InceptionBlock(64, 24, 24, 40, 8, 16, 16)),
            ("gap", AdaptiveAvgPool2d(1)), ("flatten", Flatten()),
            ("output", Linear(96, classes))) { }
}
