using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

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
