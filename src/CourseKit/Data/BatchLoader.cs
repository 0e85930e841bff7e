using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Data;

/// <summary>
/// Splits a <see cref="InMemoryDataset"/> into mini-batches, optionally shuffled with a fixed seed
/// (PyTorch's <c>DataLoader</c>). Each epoch's order depends only on the seed and the epoch number, so a
/// run is reproducible. Batches are new tensors: the caller disposes them, normally with a
/// <c>torch.NewDisposeScope()</c> around each step.
/// </summary>
/// <param name="Dataset">The examples.</param>
/// <param name="BatchSize">Examples per batch; the last batch may be smaller unless <paramref name="DropLast"/>.</param>
/// <param name="Shuffle">Visit the examples in a new random order each epoch.</param>
/// <param name="Seed">Seed of the shuffling.</param>
/// <param name="DropLast">Skip a final batch smaller than <paramref name="BatchSize"/>.</param>
public sealed record BatchLoader(InMemoryDataset Dataset, int BatchSize, bool Shuffle = false, int Seed = 0, bool DropLast = false)
{
    /// <summary>The number of batches one epoch yields.</summary>
    public int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based) as (inputs, targets).</summary>
    public IEnumerable<(Tensor Inputs, Tensor Targets)> Epoch(int epoch = 0)
    {
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be positive");
        long[] order = Order(epoch);
        for (int start = 0; start < order.Length; start += BatchSize)
        {
            int size = Math.Min(BatchSize, order.Length - start);
            if (DropLast && size < BatchSize) yield break;
            if (!Shuffle)
            {
                yield return (Dataset.Inputs.narrow(0, start, size), Dataset.Targets.narrow(0, start, size));
                continue;
            }
            using var index = tensor(order.AsSpan(start, size).ToArray(), dtype: int64);
            yield return (Dataset.Inputs.index_select(0, index), Dataset.Targets.index_select(0, index));
        }
    }

    private long[] Order(int epoch)
    {
        long[] order = Enumerable.Range(0, Dataset.Count).Select(i => (long)i).ToArray();
        // The epoch's seed is plain arithmetic: HashCode.Combine is randomised per process, which made every run differ.
        if (Shuffle) new Random(unchecked(Seed * 1_000_003 + epoch)).Shuffle(order);
        return order;
    }
}
