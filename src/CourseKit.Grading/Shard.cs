namespace CourseKit.Grading;

/// <summary>
/// One of <see cref="Count"/> grader processes sharing a batch (<c>grade -j N</c>): it grades submissions
/// <see cref="Index"/>, Index + Count, … of the batch's order. Separate processes, not threads: the parent's own
/// TorchSharp work (inputs, judging, A2's evaluations) stays single-threaded, as the kit's Scalar race requires.
/// </summary>
/// <param name="Index">This shard, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">How many shards share the batch.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Whether the submission at <paramref name="position"/> in the batch's order belongs to this shard.</summary>
    public bool Takes(int position) => position % Count == Index;

    /// <summary>This shard's part of the gradebook, beside the batch's gradebook.csv until <see cref="GradingRun.MergeShards"/> joins them.</summary>
    public string GradebookPart(string outDirectory) => Path.Combine(outDirectory, $"gradebook.part-{Index}-of-{Count}.csv");

    /// <summary>Parses "k/n" (0-based k), as <c>grade --shard</c> takes it.</summary>
    /// <exception cref="FormatException">Not two integers with 0 ≤ k &lt; n.</exception>
    public static Shard Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int index) && int.TryParse(parts[1], out int count) && count > 0 && index >= 0 && index < count)
            return new Shard(index, count);
        throw new FormatException($"--shard takes k/n with 0 <= k < n (e.g. 0/2), not \"{text}\".");
    }
}
