using CourseKit.Models;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Metrics;

/// <summary>
/// A classifier seen the way sample-quality metrics need it: class logits (for the Inception Score) and penultimate-layer
/// features (for the Fréchet distance). The kit uses its own MNIST classifier here in place of Inception-v3.
/// </summary>
/// <param name="Logits">Images N×1×28×28 in [0, 1] → N×K class logits.</param>
/// <param name="Features">Images → N×F penultimate features.</param>
public sealed record FeatureClassifier(Func<Tensor, Tensor> Logits, Func<Tensor, Tensor> Features)
{
    /// <summary>The kit's MNIST classifier as the probe: its logits, and its 128 penultimate activations as features.</summary>
    public static FeatureClassifier Of(MnistClassifier classifier) =>
        new(x => classifier.forward(x), x => classifier.Features(x).flatten(1));
}
