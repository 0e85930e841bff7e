namespace CourseKit.Training;

/// <summary>Per-metric means over the batches of an epoch, each batch weighted by its number of examples.</summary>
internal sealed class RunningMeans
{
    private readonly Dictionary<string, (double Sum, long Count)> totals = new();

    /// <summary>Adds one batch's means, for <paramref name="examples"/> examples.</summary>
    public void Add(IReadOnlyDictionary<string, double> batchMeans, long examples)
    {
        foreach (var (name, value) in batchMeans)
        {
            var (sum, count) = totals.GetValueOrDefault(name);
            totals[name] = (sum + value * examples, count + examples);
        }
    }

    /// <summary>The mean of every metric seen, over the examples it was reported for.</summary>
    public IReadOnlyDictionary<string, double> Means() => totals.ToDictionary(t => t.Key, t => t.Value.Sum / t.Value.Count);
}
