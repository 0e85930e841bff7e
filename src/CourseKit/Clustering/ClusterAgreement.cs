namespace CourseKit.Clustering;

/// <summary>
/// How well a clustering agrees with the true classes, invariant to how the clusters are numbered:
/// normalised mutual information and the adjusted Rand index.
/// </summary>
public static class ClusterAgreement
{
    /// <summary>
    /// NMI = I(Y; C) / ((H(Y) + H(C))/2) (arithmetic-mean normalisation): 1 for identical partitions, ≈ 0 for
    /// independent ones.
    /// </summary>
    public static double NormalizedMutualInformation(IReadOnlyList<long> truth, IReadOnlyList<long> clusters)
    {
        var (table, rows, columns, n) = Contingency(truth, clusters);
        double hTruth = Entropy(rows, n), hClusters = Entropy(columns, n);
        double mutual = 0;
        foreach (var ((r, c), count) in table)
            mutual += count / n * Math.Log(count * n / (rows[r] * (double)columns[c]));   // Σ p(r,c) log p(r,c)/(p(r)p(c))
        if (hTruth + hClusters == 0) return 1;   // both partitions are a single group
        return mutual / ((hTruth + hClusters) / 2);
    }

    /// <summary>
    /// ARI (Hubert and Arabie): (Σᵢⱼ C(nᵢⱼ,2) − E) / (½(Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E), E = Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2) / C(n,2).
    /// 1 for identical partitions, ≈ 0 for random ones (it can be negative).
    /// </summary>
    public static double AdjustedRandIndex(IReadOnlyList<long> truth, IReadOnlyList<long> clusters)
    {
        var (table, rows, columns, n) = Contingency(truth, clusters);
        static double Pairs(double m) => m * (m - 1) / 2;
        double index = table.Values.Sum(Pairs);
        double sumRows = rows.Values.Sum(v => Pairs(v)), sumColumns = columns.Values.Sum(v => Pairs(v));
        double expected = sumRows * sumColumns / Pairs(n);
        double maximum = (sumRows + sumColumns) / 2;
        if (maximum == expected) return 1;   // degenerate: both partitions trivial
        return (index - expected) / (maximum - expected);
    }

    private static (Dictionary<(long, long), double> Table, Dictionary<long, long> Rows, Dictionary<long, long> Columns, double N) Contingency(
        IReadOnlyList<long> truth, IReadOnlyList<long> clusters)
    {
        if (truth.Count != clusters.Count || truth.Count == 0)
            throw new ArgumentException($"need two labelings of the same non-empty set of points; got {truth.Count} and {clusters.Count} labels");
        var table = new Dictionary<(long, long), double>();
        var rows = new Dictionary<long, long>();
        var columns = new Dictionary<long, long>();
        for (int i = 0; i < truth.Count; i++)
        {
            table[(truth[i], clusters[i])] = table.GetValueOrDefault((truth[i], clusters[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[clusters[i]] = columns.GetValueOrDefault(clusters[i]) + 1;
        }
        return (table, rows, columns, truth.Count);
    }

    private static double Entropy(Dictionary<long, long> counts, double n) =>
        -counts.Values.Sum(c => c / n * Math.Log(c / n));
}
