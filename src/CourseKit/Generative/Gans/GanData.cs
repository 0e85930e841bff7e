using CourseKit.Data;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>Endless streams of real minibatches for the <see cref="CourseKit.Training.Trainer"/>'s <c>Fit(batches, steps)</c>.</summary>
public static class GanData
{
    /// <summary>The loader's epochs one after another, forever (epoch 0, 1, 2, … so each has its own shuffle).</summary>
    public static IEnumerable<(Tensor Inputs, Tensor Targets)> Forever(BatchLoader loader)
    {
        for (int epoch = 0; ; epoch++)
            foreach (var batch in loader.Epoch(epoch))
                yield return batch;
    }

    /// <summary>Fresh samples of <paramref name="batchSize"/> drawn by <paramref name="sample"/>, forever (targets are the sampler's labels).</summary>
    public static IEnumerable<(Tensor Inputs, Tensor Targets)> Forever(Func<int, (Tensor Inputs, Tensor Targets)> sample, int batchSize)
    {
        while (true) yield return sample(batchSize);
    }
}
