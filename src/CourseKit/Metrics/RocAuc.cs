namespace CourseKit.Metrics;

/// <summary>
/// The area under the ROC curve: the probability that a random positive scores higher than a random
/// negative (ties count one half), i.e. the Mann–Whitney U statistic divided by (positives × negatives).
/// </summary>
public static class RocAuc
{
    /// <summary>AUC of <paramref name="scores"/> (higher = more positive) against <paramref name="positive"/> labels.</summary>
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException($"{scores.Count} scores but {positive.Count} labels; they must match");
        int positives = positive.Count(p => p), negatives = positive.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("ROC AUC needs at least one positive and one negative example");
        // Average ranks (1-based, ties share their mean rank), then U = Σ ranks of positives − P(P+1)/2.
        int[] order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double[] rank = new double[scores.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            double shared = (start + end) / 2.0 + 1;
            for (int j = start; j <= end; j++) rank[order[j]] = shared;
            start = end + 1;
        }
        double positiveRanks = Enumerable.Range(0, scores.Count).Where(i => positive[i]).Sum(i => rank[i]);
        double u = positiveRanks - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }
}
