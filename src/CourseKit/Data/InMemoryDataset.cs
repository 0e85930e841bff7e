using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Data;

/// <summary>
/// A dataset held in memory as two tensors whose first dimension indexes the examples
/// (PyTorch's <c>InMemoryDataset</c>): <see cref="Inputs"/> (e.g. N×C×H×W images) and <see cref="Targets"/>
/// (e.g. N class labels, or N×H×W masks). The dataset owns both tensors.
/// </summary>
public class InMemoryDataset : IDisposable
{
    /// <summary>Creates a dataset from inputs and targets with the same first dimension.</summary>
    /// <exception cref="ArgumentException">The first dimensions differ.</exception>
    public InMemoryDataset(Tensor inputs, Tensor targets)
    {
        if (inputs.shape[0] != targets.shape[0])
            throw new ArgumentException(
                $"inputs have {inputs.shape[0]} examples but targets have {targets.shape[0]}; they must match");
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>The inputs, one example per index of the first dimension.</summary>
    public Tensor Inputs { get; }

    /// <summary>The targets, one per example.</summary>
    public Tensor Targets { get; }

    /// <summary>The number of examples.</summary>
    public int Count => (int)Inputs.shape[0];

    /// <summary>A new dataset holding copies of the examples at <paramref name="indices"/>, in that order.</summary>
    public InMemoryDataset Subset(long[] indices)
    {
        using var index = tensor(indices, dtype: int64);
        return new InMemoryDataset(Inputs.index_select(0, index), Targets.index_select(0, index));
    }

    /// <summary>The first <paramref name="count"/> examples (all of them if there are fewer).</summary>
    public InMemoryDataset Take(int count) => Subset(Enumerable.Range(0, Math.Min(count, Count)).Select(i => (long)i).ToArray());

    /// <inheritdoc/>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        GC.SuppressFinalize(this);
    }
}
