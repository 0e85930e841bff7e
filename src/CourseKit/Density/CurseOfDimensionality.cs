using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Density;

/// <summary>
/// Why KDE fails on images (the density-estimation lecture: "images are big"): with a fixed number of samples, a KDE of a
/// D-dimensional standard Gaussian gets worse and worse as D grows, and distances stop meaning anything
/// (the nearest and the farthest neighbour become almost equally far).
/// </summary>
public static class CurseOfDimensionality
{
    /// <summary>
    /// For each dimension D: draws <paramref name="trainCount"/> training and <paramref name="testCount"/>
    /// test samples from N(0, I_D), fits a KDE with the bandwidth chosen on a validation set, and reports the
    /// true mean log-density, the KDE's, the gap per dimension (an estimate of KL(p‖p_KDE)/D), and the mean
    /// ratio nearest/farthest training distance of the test points.
    /// </summary>
    public static IReadOnlyList<KdeInDimension> Measure(IReadOnlyList<int> dimensions, int trainCount = 1000, int testCount = 500, int seed = 0)
    {
        var rows = new List<KdeInDimension>();
        foreach (int d in dimensions)
        {
            using var scope = NewDisposeScope();
            var generator = new Generator().manual_seed(seed + d);
            var train = randn(trainCount, d, dtype: float64, generator: generator);
            var validation = randn(testCount, d, dtype: float64, generator: generator);
            var test = randn(testCount, d, dtype: float64, generator: generator);
            var search = Kde.ChooseBandwidth(train, validation, Kde.LogSpace(0.05, 5, 25));
            double kde = Kde.MeanLogLikelihood(train, test, search.Best);
            // log N(x; 0, I) = −(D/2) log 2π − ‖x‖²/2
            double truth = (-d / 2.0 * Math.Log(2 * Math.PI) - test.pow(2).sum(1) / 2).mean().item<double>();
            var distances = cdist(test, train);
            double ratio = (distances.min(1).values / distances.max(1).values).mean().item<double>();
            rows.Add(new KdeInDimension(d, search.Best, truth, kde, (truth - kde) / d, ratio));
        }
        return rows;
    }
}
