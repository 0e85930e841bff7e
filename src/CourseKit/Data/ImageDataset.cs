using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>
/// Labelled images in memory: <see cref="InMemoryDataset.Inputs"/> N×C×H×W float32 in [0,1],
/// <see cref="InMemoryDataset.Targets"/> N int64 class indices, and the <see cref="ClassNames"/>.
/// The dataset owns its tensors (dispose it, or let a dispose scope do it).
/// </summary>
public class ImageDataset : InMemoryDataset
{
    /// <summary>Creates a dataset; <paramref name="classNames"/>[k] names label k.</summary>
    public ImageDataset(Tensor inputs, Tensor targets, IReadOnlyList<string> classNames) : base(inputs, targets)
    {
        if (inputs.dim() != 4)
            throw new ArgumentException($"images must be N×C×H×W, got shape {ShapeText.Of(inputs)}", nameof(inputs));
        ClassNames = classNames;
    }

    /// <summary>The name of each class, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>A new dataset with copies of the examples at <paramref name="indices"/>, in that order.</summary>
    public new ImageDataset Subset(long[] indices)
    {
        using var index = tensor(indices, dtype: int64);
        return new ImageDataset(Inputs.index_select(0, index), Targets.index_select(0, index), ClassNames);
    }

    /// <summary>The first <paramref name="count"/> examples (all of them if there are fewer), as a new dataset.</summary>
    public new ImageDataset Take(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of examples cannot be negative");
        return Subset(Enumerable.Range(0, Math.Min(count, Count)).Select(i => (long)i).ToArray());
    }

    /// <summary>
    /// <paramref name="perClass"/> examples of every class, chosen at random with <paramref name="seed"/> (the same
    /// seed always picks the same examples), kept in their original order. A balanced subset for quick experiments.
    /// </summary>
    /// <exception cref="ArgumentException">Some class has fewer than <paramref name="perClass"/> examples.</exception>
    public ImageDataset PerClass(int perClass, int seed)
    {
        if (perClass <= 0) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "ask for at least one example per class");
        long[] labels = Labels();
        var random = new Random(seed);
        var chosen = new List<long>();
        for (int label = 0; label < ClassNames.Count; label++)
        {
            long[] members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).Select(i => (long)i).ToArray();
            if (members.Length < perClass)
                throw new ArgumentException(
                    $"class {label} ('{ClassNames[label]}') has only {members.Length} examples; cannot take {perClass} per class", nameof(perClass));
            random.Shuffle(members);
            chosen.AddRange(members.Take(perClass));
        }
        chosen.Sort();
        return Subset(chosen.ToArray());
    }

    /// <summary>How many examples each class has, indexed by label.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassNames.Count];
        foreach (long label in Labels()) counts[label]++;
        return counts;
    }

    private long[] Labels()
    {
        using var labels = Targets.to_type(ScalarType.Int64);
        return labels.data<long>().ToArray();
    }
}
