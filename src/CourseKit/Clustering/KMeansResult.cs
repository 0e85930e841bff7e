using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Clustering;

/// <summary>The outcome of <see cref="KMeans.Fit"/>.</summary>
/// <param name="Labels">The cluster of each point (0 … k−1).</param>
/// <param name="Inertia">Σ‖x − c(x)‖², the sum of squared distances to the assigned centre.</param>
/// <param name="Iterations">Lloyd iterations of the best restart.</param>
public sealed record KMeansResult(long[] Labels, double Inertia, int Iterations);
