using CourseKit.Autoencoders;
using CourseKit.Clustering;
using CourseKit.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class MetricTests
{
    [Fact]
    public void Nmi_and_ari_match_values_computed_by_hand()
    {
        // Reference values from the formulas, computed independently in Python (they match scikit-learn's docs).
        long[] truth = [0, 0, 0, 1, 1, 1], clusters = [0, 0, 1, 1, 2, 2];
        Assert.Equal(0.5158037429793888, ClusterAgreement.NormalizedMutualInformation(truth, clusters), 12);
        Assert.Equal(0.24242424242424246, ClusterAgreement.AdjustedRandIndex(truth, clusters), 12);
        Assert.Equal(0.5714285714285715, ClusterAgreement.AdjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]), 12);
        Assert.Equal(0.8, ClusterAgreement.NormalizedMutualInformation([0, 0, 1, 2], [0, 0, 1, 1]), 12);
        Assert.Equal(1, ClusterAgreement.AdjustedRandIndex([0, 0, 1, 1], [5, 5, 3, 3]), 12);   // renumbering is free
        Assert.Equal(1, ClusterAgreement.NormalizedMutualInformation([0, 0, 1, 1], [5, 5, 3, 3]), 12);
    }

    [Fact]
    public void Roc_auc_counts_correctly_ordered_pairs_with_ties_as_half()
    {
        Assert.Equal(0.75, RocAuc.Compute([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
        Assert.Equal(0.5, RocAuc.Compute([1, 1, 1, 1], [false, true, false, true]), 12);
        Assert.Equal(1.0, RocAuc.Compute([0, 1, 2, 3], [false, false, true, true]), 12);
        Assert.Throws<ArgumentException>(() => RocAuc.Compute([1, 2], [true, true]));
    }

    [Fact]
    public void Kmeans_recovers_separated_blobs_and_precision_at_k_counts_matching_neighbours()
    {
        using var scope = NewDisposeScope();
        var g = new Generator().manual_seed(0);
        var centres = tensor(new[,] { { 0f, 0f }, { 10f, 0f }, { 0f, 10f } });
        var labels = arange(3, dtype: int64).repeat_interleave(50);
        var points = centres.index_select(0, labels) + randn(150, 2, generator: g);
        var result = KMeans.Fit(points, 3, seed: 1);
        Assert.Equal(1.0, ClusterAgreement.AdjustedRandIndex(labels.data<long>().ToArray(), result.Labels), 12);
        Assert.InRange(result.Inertia, 200, 400);   // ≈ N·D·σ² = 300

        var db = tensor(new[,] { { 0f }, { 1f }, { 10f }, { 11f } });
        var dbLabels = tensor(new long[] { 0, 0, 1, 0 });
        var q = tensor(new[,] { { 0.4f }, { 10.4f } });
        var qLabels = tensor(new long[] { 0, 1 });
        // Query 0's two nearest: 0,1 (both label 0) → 1; query 1's: 10 (1), 11 (0) → ½.
        Assert.Equal(0.75, Retrieval.PrecisionAtK(q, qLabels, db, dbLabels, 2), 12);
    }

    [Fact]
    public void Principal_angles_are_zero_for_the_same_subspace_and_right_for_a_known_pair()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[,] { { 1.0, 0 }, { 0, 1 }, { 0, 0 } });
        var sameSpan = tensor(new[,] { { 2.0, 1 }, { 1, -3 }, { 0, 0 } });
        Assert.All(Subspaces.PrincipalAngles(a, sameSpan), t => Assert.Equal(0, t, 7));
        var tilted = tensor(new[,] { { 1.0 }, { 0 }, { 1 } });   // 45° out of the plane
        Assert.Equal(Math.PI / 4, Subspaces.PrincipalAngles(a, tilted)[0], 10);

        var g = new Generator().manual_seed(0);
        var data = randn(500, 3, dtype: float64, generator: g) * tensor(new[] { 5.0, 2.0, 0.1 }, dtype: float64);
        var directions = Subspaces.PrincipalDirections(data, 2);
        Assert.All(Subspaces.PrincipalAngles(a, directions), t => Assert.True(t < 0.05));
    }
}
