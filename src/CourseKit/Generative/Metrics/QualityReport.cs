using CourseKit.Models;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Metrics;

/// <summary>Sample quality of generated images (<see cref="SampleQuality.Report"/>).</summary>
/// <param name="InceptionScore">exp(E_x KL(p(y|x) ‖ p(y))) under the classifier.</param>
/// <param name="FrechetDistance">Fréchet distance between the classifier's features of real and generated images.</param>
/// <param name="ClassShares">The share of generated images the classifier puts in each class.</param>
public sealed record QualityReport(double InceptionScore, double FrechetDistance, double[] ClassShares)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"Inception Score {InceptionScore:F2}, Fréchet distance {FrechetDistance:F2}, class shares {ClassShares.Min():P1}–{ClassShares.Max():P1}";
}
