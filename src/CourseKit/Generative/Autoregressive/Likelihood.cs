using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>Likelihood numbers of a density model on binary images.</summary>
/// <param name="Nats">Mean −log p(x) per image, in nats.</param>
/// <param name="BitsPerDimension">The same per pixel in bits: nats / (D ln 2).</param>
/// <param name="Images">Images evaluated.</param>
public sealed record Likelihood(double Nats, double BitsPerDimension, int Images)
{
    /// <summary>
    /// Mean −log p(x) of <paramref name="binaryImages"/> under <paramref name="model"/>, in nats and bits per dimension,
    /// computed in batches of <paramref name="batchSize"/> in evaluation mode and without gradients.
    /// </summary>
    public static Likelihood Of(AutoregressiveImageModel model, Tensor binaryImages, int batchSize = 500)
    {
        using var mode = EvaluationMode.Of(model);
        using var noGrad = no_grad();
        double total = 0;
        long n = binaryImages.shape[0];
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            total += model.NegativeLogLikelihood(binaryImages.narrow(0, start, Math.Min(batchSize, n - start))).sum().item<float>();
        }
        double nats = total / n;
        long dimensions = binaryImages.shape.Skip(1).Aggregate(1L, (product, size) => product * size);
        return new Likelihood(nats, nats / (dimensions * Math.Log(2)), (int)n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Nats:F1} nats per image = {BitsPerDimension:F4} bits/dim ({Images} images)";
}
