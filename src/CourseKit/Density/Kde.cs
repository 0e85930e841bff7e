using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Density;

/// <summary>
/// Kernel density estimation (Parzen 1962, "On Estimation of a Probability Density Function and Mode"; the density-estimation lecture): a Gaussian "kernel" of width h around every training sample,
/// p(x) = (1/N) Σₙ K_h(x, xₙ) with K_h(x, xₙ) = N(x; xₙ, h²I), so ∫ K_h(x, xₙ) dx = 1.
/// </summary>
public static class Kde
{
    /// <summary>
    /// log p(x) for every row of <paramref name="points"/> (M×D) under the KDE of <paramref name="train"/> (N×D):
    /// log p(x) = logsumexp_n(−‖x − xₙ‖² / 2h²) − log N − (D/2) log(2πh²). Computed in float64.
    /// </summary>
    public static Tensor LogDensity(Tensor train, Tensor points, double bandwidth)
    {
        if (bandwidth <= 0) throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "the KDE bandwidth h must be positive");
        if (train.dim() != 2 || points.dim() != 2 || train.shape[1] != points.shape[1])
            throw new ArgumentException($"KDE needs N×D training samples and M×D points with the same D; got {ShapeText.Of(train)} and {ShapeText.Of(points)}");
        using var scope = NewDisposeScope();
        long n = train.shape[0], d = train.shape[1];
        var squaredDistances = cdist(points.to_type(float64), train.to_type(float64)).pow(2);      // M×N
        var logKernelSum = (squaredDistances / (-2 * bandwidth * bandwidth)).logsumexp(1);
        var result = logKernelSum - Math.Log(n) - d / 2.0 * Math.Log(2 * Math.PI * bandwidth * bandwidth);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The mean log-likelihood (nats per sample) of <paramref name="heldOut"/> under the KDE of <paramref name="train"/>.</summary>
    public static double MeanLogLikelihood(Tensor train, Tensor heldOut, double bandwidth)
    {
        using var logDensity = LogDensity(train, heldOut, bandwidth);
        return logDensity.mean().item<double>();
    }

    /// <summary>
    /// Chooses the bandwidth by held-out likelihood: the candidate h with the highest mean log p(x) on
    /// <paramref name="heldOut"/> (samples the KDE never saw). Too small an h puts all mass on the training
    /// points; too large an h blurs everything.
    /// </summary>
    public static BandwidthSearch ChooseBandwidth(Tensor train, Tensor heldOut, IReadOnlyList<double> candidates)
    {
        if (candidates.Count == 0) throw new ArgumentException("give at least one candidate bandwidth", nameof(candidates));
        double[] scores = candidates.Select(h => MeanLogLikelihood(train, heldOut, h)).ToArray();
        int best = Array.IndexOf(scores, scores.Max());
        return new BandwidthSearch(candidates.ToArray(), scores, candidates[best], scores[best]);
    }

    /// <summary>Logarithmically spaced candidate bandwidths from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static double[] LogSpace(double low, double high, int count) =>
        Enumerable.Range(0, count).Select(i => low * Math.Pow(high / low, count == 1 ? 0 : i / (double)(count - 1))).ToArray();

}
