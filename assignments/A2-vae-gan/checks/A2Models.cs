using CourseKit.Generative;
using CourseKit.Generative.Gans;
using CourseKit.Generative.Metrics;
using CourseKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Assignments.A2;

/// <summary>
/// The parent's copies of the two models q5 and q6 train, and how the parent scores them. The notebook's answer cells
/// build the same architectures from the same library calls; the student's code returns only the trained tensors
/// (the state dict's values, in order), which are loaded here and evaluated on data and seeds the child never sees.
/// Nothing the child computed is trusted: not a loss, not a sample.
/// </summary>
public static class A2Models
{
    /// <summary>Latent dimensions of the q5 VAE.</summary>
    public const int VaeLatentSize = 16;

    /// <summary>Hidden widths of the q5 VAE's encoder (the decoder mirrors them).</summary>
    public static readonly int[] VaeHidden = [256];

    /// <summary>Size of z for the q6 generator.</summary>
    public const int GeneratorLatentSize = 32;

    /// <summary>Width of the q6 generator's two hidden layers.</summary>
    public const int GeneratorHidden = 256;

    /// <summary>The q5 model: a fully connected Bernoulli VAE for 1×28×28 images (784 → 256 → 2·16; 16 → 256 → 784).</summary>
    public static VariationalAutoencoder Vae() => VariationalAutoencoder.Mlp([1, 28, 28], VaeHidden, VaeLatentSize);

    /// <summary>The q6 model: a fully connected generator z ∈ ℝ³² → 1×28×28 in [−1, 1] (two hidden layers with batch norm, tanh output).</summary>
    public static MlpGenerator Generator() => new(GeneratorLatentSize, [1, 28, 28], GeneratorHidden, depth: 2, tanhOutput: true);

    /// <summary>
    /// Mean −ELBO (nats per image) of <paramref name="vae"/> on the first <paramref name="images"/> MNIST test digits,
    /// binarised once with a fixed seed, one reparameterised sample per image (seeded): an upper bound on −log p(x).
    /// </summary>
    public static double TestNegativeElbo(VariationalAutoencoder vae, int images, int seed)
    {
        using var scope = NewDisposeScope();
        var test = ReferenceVae.BinarizedTestSet(images);
        return VaeEvaluation.Evaluate(vae, test, samples: 1, seed: seed).NegativeElbo;
    }

    /// <summary>
    /// The Inception Score (with the kit's MNIST classifier in place of Inception-v3) of <paramref name="count"/> samples
    /// G(z), z ~ N(0, I) drawn here with <paramref name="seed"/>, the generator in evaluation mode.
    /// </summary>
    public static double InceptionScore(MlpGenerator generator, int count, int seed)
    {
        using var scope = NewDisposeScope();
        var probe = FeatureClassifier.Of(MnistClassifier.LoadOrTrain());
        generator.eval();
        var z = randn([count, GeneratorLatentSize], generator: new Generator().manual_seed(seed));
        Tensor images;
        using (no_grad()) images = DigitGans.FromTanhRange(generator.forward(z));
        return SampleQuality.InceptionScore(probe, images);
    }
}
