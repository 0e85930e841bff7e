using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Metrics;

/// <summary>Information retrieval by nearest neighbours (the autoencoder lecture's application 3).</summary>
public static class Retrieval
{
    /// <summary>
    /// Mean precision@k: for each query (row of <paramref name="queries"/>), the fraction of its
    /// <paramref name="k"/> nearest database rows (Euclidean) that share its label.
    /// </summary>
    public static double PrecisionAtK(Tensor queries, Tensor queryLabels, Tensor database, Tensor databaseLabels, int k)
    {
        if (k < 1 || k > database.shape[0]) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the database size ({database.shape[0]})");
        using var scope = NewDisposeScope();
        var q = queries.reshape(queries.shape[0], -1).to_type(float32);
        var db = database.reshape(database.shape[0], -1).to_type(float32);
        var nearest = cdist(q, db).topk(k, dim: 1, largest: false).indexes;        // Q×k
        var retrievedLabels = databaseLabels.index_select(0, nearest.reshape(-1)).reshape(nearest.shape);
        var hits = retrievedLabels.eq(queryLabels.unsqueeze(1)).to_type(float64);
        return hits.mean().item<double>();
    }
}
