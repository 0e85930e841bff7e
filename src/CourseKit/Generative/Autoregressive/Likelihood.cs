using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>Likelihood numbers of a density model on binary images.</summary>
/// <param name="Nats">Mean −log p(x) per image, in nats.</param>
/// <param name="BitsPerDimension">The same per pixel in bits: nats / (D ln 2).</param>
/// <param name="Images">Images evaluated.</param>
public sealed record Likelihood(double Nats, double BitsPerDimension, int Images)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Nats:F1} nats per image = {BitsPerDimension:F4} bits/dim ({Images} images)";
}
