using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Data;

public class DataLoaderTests
{
    private static InMemoryDataset Numbers(int n) =>
        new(arange(n, dtype: float32).reshape(n, 1), arange(n, dtype: int64));

    [Fact]
    public void Batches_cover_every_example_once_and_the_last_batch_is_smaller()
    {
        using var data = Numbers(10);
        var loader = new BatchLoader(data, BatchSize: 4);
        var sizes = loader.Epoch().Select(b => (int)b.Targets.shape[0]).ToList();
        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal(3, loader.BatchCount);
        var seen = loader.Epoch().SelectMany(b => b.Targets.data<long>().ToArray()).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), seen);
    }

    [Fact]
    public void The_shuffled_order_is_the_same_in_every_process()
    {
        // Recorded once. The order used to come from HashCode.Combine(seed, epoch), which .NET randomises per process,
        // so two runs of the same notebook trained on different batches and printed different numbers.
        using var data = Numbers(12);
        var loader = new BatchLoader(data, BatchSize: 12, Shuffle: true, Seed: 3);
        var order = loader.Epoch(1).Single().Targets.data<long>().ToArray();
        Assert.Equal(RecordedOrder, order);
    }

    private static readonly long[] RecordedOrder = [10, 7, 9, 1, 11, 0, 8, 5, 2, 6, 3, 4];

    [Fact]
    public void Shuffling_is_a_permutation_fixed_by_seed_and_epoch_and_keeps_pairs_together()
    {
        using var data = Numbers(50);
        var loader = new BatchLoader(data, BatchSize: 8, Shuffle: true, Seed: 3);
        long[] Order(BatchLoader l, int epoch) => l.Epoch(epoch).SelectMany(b => b.Targets.data<long>().ToArray()).ToArray();

        long[] first = Order(loader, 0);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), first.Order());
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i), first);
        Assert.Equal(first, Order(loader, 0));
        Assert.NotEqual(first, Order(loader, 1));
        Assert.NotEqual(first, Order(loader with { Seed = 4 }, 0));
        foreach (var (x, y) in loader.Epoch(2))
            Assert.Equal(y.to_type(float32).data<float>().ToArray(), x.reshape(-1).data<float>().ToArray());
    }

    [Fact]
    public void Drop_last_skips_the_short_batch_and_mismatched_tensors_are_refused()
    {
        using var data = Numbers(10);
        Assert.Equal(2, new BatchLoader(data, 4, DropLast: true).Epoch().Count());
        var e = Assert.Throws<ArgumentException>(() => new InMemoryDataset(zeros(3, 2), zeros(4)));
        Assert.Contains("inputs have 3 examples but targets have 4", e.Message);
    }
}
