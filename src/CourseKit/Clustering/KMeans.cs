using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Clustering;

/// <summary>
/// k-means (Lloyd's algorithm with k-means++ seeding): alternately assign every point to its nearest centre
/// and move every centre to the mean of its points, which never increases the inertia Σ‖x − c(x)‖².
/// The best of several restarts is kept.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters the rows of <paramref name="points"/> (N×D, or N×… flattened) into <paramref name="k"/> groups.</summary>
    public static KMeansResult Fit(Tensor points, int k, int restarts = 4, int maxIterations = 100, int seed = 0)
    {
        if (k < 1 || k > points.shape[0]) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the number of points ({points.shape[0]})");
        using var scope = NewDisposeScope();
        var x = points.reshape(points.shape[0], -1).to_type(float32);
        var random = new Random(seed);
        KMeansResult? best = null;
        for (int r = 0; r < restarts; r++)
        {
            var result = Run(x, k, maxIterations, random);
            if (best is null || result.Inertia < best.Inertia) best = result;
        }
        return best!;
    }

    private static KMeansResult Run(Tensor x, int k, int maxIterations, Random random)
    {
        using var scope = NewDisposeScope();
        var centres = PlusPlusSeeds(x, k, random);
        long[] labels = [];
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            var assignment = cdist(x, centres).argmin(1);
            long[] next = assignment.data<long>().ToArray();
            bool converged = next.SequenceEqual(labels);
            labels = next;
            if (converged) break;
            centres = UpdateCentres(x, assignment, centres);
        }
        double inertia = cdist(x, centres).min(1).values.pow(2).sum().item<float>();
        return new KMeansResult(labels, inertia, iteration);
    }

    // k-means++: each new centre is a point drawn with probability ∝ its squared distance to the nearest centre so far.
    private static Tensor PlusPlusSeeds(Tensor x, int k, Random random)
    {
        long n = x.shape[0];
        var chosen = new List<long> { random.NextInt64(n) };
        while (chosen.Count < k)
        {
            using var centres = x.index_select(0, tensor(chosen.ToArray()));
            float[] d2 = cdist(x, centres).min(1).values.pow(2).data<float>().ToArray();
            double u = random.NextDouble() * d2.Sum(v => (double)v), cumulative = 0;
            long pick = n - 1;
            for (long i = 0; i < n; i++) { cumulative += d2[i]; if (cumulative >= u) { pick = i; break; } }
            chosen.Add(pick);
        }
        return x.index_select(0, tensor(chosen.ToArray()));
    }

    private static Tensor UpdateCentres(Tensor x, Tensor assignment, Tensor old)
    {
        long k = old.shape[0];
        var sums = zeros_like(old).index_add(0, assignment, x, 1);
        var counts = zeros(k, dtype: x.dtype).index_add(0, assignment, ones(x.shape[0], dtype: x.dtype), 1);
        var empty = (counts == 0).unsqueeze(1);
        return where(empty, old, sums / counts.clamp_min(1).unsqueeze(1));   // an empty cluster keeps its centre
    }
}
