using CourseKit.Data;
using static TorchSharp.torch;

namespace CourseKit.Sequences;

/// <summary>Small synthetic sequence tasks with a known answer, made to show what each model can and cannot do.</summary>
public static class SequenceTasks
{
    /// <summary>
    /// "Remember the first symbol" (a long-term dependency, the sequence lecture's "I grew up in the Netherlands … I speak fluent
    /// Dutch"): x_1 = ±1, then <paramref name="length"/> − 1 steps of N(0, 1) noise; the label is 1 when x_1 = +1.
    /// Inputs N×T×1 float32, targets int64.
    /// </summary>
    public static InMemoryDataset FirstSymbol(int count, int length, int seed)
    {
        if (length < 1) throw new ArgumentException($"length must be at least 1, not {length}");
        var generator = new Generator((ulong)seed);
        var labels = randint(0, 2, [count], dtype: int64, generator: generator);
        var inputs = randn([count, length, 1], generator: generator);
        inputs[.., 0, 0] = labels.to_type(float32) * 2 - 1;
        return new InMemoryDataset(inputs, labels);
    }

    /// <summary>
    /// "Is the motif +1, −1, +1 anywhere?" (a local pattern, what 1-D convolutions are for): sequences of
    /// <paramref name="length"/> symbols drawn from {−1, +1} uniformly in which the motif is planted in half of them and
    /// removed from the other half. Inputs N×T×1, targets int64 (1 = motif present).
    /// </summary>
    public static InMemoryDataset Motif(int count, int length, int seed)
    {
        if (length < 3) throw new ArgumentException($"length must be at least 3 to hold the motif, not {length}");
        var random = new Random(seed);
        var values = new float[count * length];
        var labels = new long[count];
        for (int n = 0; n < count; n++)
        {
            var s = values.AsSpan(n * length, length);
            for (int t = 0; t < length; t++) s[t] = random.Next(2) == 0 ? -1 : 1;
            labels[n] = random.Next(2);
            if (labels[n] == 1)
            {
                int at = random.Next(length - 2);
                s[at] = 1; s[at + 1] = -1; s[at + 2] = 1;
            }
            else
            {
                // break every occurrence by flipping its middle symbol until none is left
                for (int t = 0; t + 2 < length; t++)
                    if (s[t] == 1 && s[t + 1] == -1 && s[t + 2] == 1) { s[t + 1] = 1; t = Math.Max(-1, t - 3); }
            }
        }
        return new InMemoryDataset(tensor(values, [count, length, 1]), tensor(labels));
    }

    /// <summary>True when <paramref name="symbols"/> contains +1, −1, +1 somewhere (the <see cref="Motif"/> label).</summary>
    public static bool ContainsMotif(ReadOnlySpan<float> symbols)
    {
        for (int t = 0; t + 2 < symbols.Length; t++)
            if (symbols[t] == 1 && symbols[t + 1] == -1 && symbols[t + 2] == 1) return true;
        return false;
    }
}
