using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>
/// The one training loop of the reconstruction models (autoencoders and VAEs): for each batch (x, target),
/// compute the loss the model's objective defines, back-propagate, take an Adam step. Every step runs in its
/// own dispose scope, so an epoch leaves no tensors behind.
/// </summary>
public static class ReconstructionTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="epochs"/> epochs over <paramref name="loader"/> and
    /// returns the mean loss of each epoch.
    /// </summary>
    /// <param name="model">The model whose parameters are optimised (put in training mode).</param>
    /// <param name="loader">Batches of (input, target); for a plain autoencoder the target is the input.</param>
    /// <param name="loss">(input, target) ↦ the scalar loss of the batch.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="progress">Receives each epoch's mean loss.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static IReadOnlyList<double> Fit(nn.Module model, BatchLoader loader, Func<Tensor, Tensor, Tensor> loss, int epochs,
        double learningRate = 1e-3, IProgress<EpochLoss>? progress = null, CancellationToken cancellationToken = default)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "train for at least one epoch");
        using var optimizer = optim.Adam(model.parameters(), lr: learningRate);
        model.train();
        var history = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double total = 0;
            long examples = 0;
            foreach (var (input, target) in loader.Epoch(epoch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var batchInput = input;      // the loader made these before the scope opened
                using var batchTarget = target;
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var batchLoss = loss(input, target);
                batchLoss.backward();
                optimizer.step();
                total += batchLoss.item<float>() * input.shape[0];
                examples += input.shape[0];
            }
            history.Add(total / examples);
            progress?.Report(new EpochLoss(epoch + 1, epochs, total / examples));
        }
        model.eval();
        return history;
    }

    /// <summary>Trains an autoencoder to reconstruct <paramref name="targets"/> from <paramref name="inputs"/> under <paramref name="objective"/>.</summary>
    public static IReadOnlyList<double> Fit(Autoencoder model, Tensor inputs, Tensor targets, ReconstructionObjective objective, int epochs,
        int batchSize = 128, double learningRate = 1e-3, int seed = 0, IProgress<EpochLoss>? progress = null, CancellationToken cancellationToken = default)
    {
        var dataset = new InMemoryDataset(inputs, targets);   // views the caller's tensors; not disposed here
        var loader = new BatchLoader(dataset, batchSize, Shuffle: true, Seed: seed);
        return Fit(model, loader, (x, y) => objective.Loss(model, x, y), epochs, learningRate, progress, cancellationToken);
    }

    /// <summary>Applies <paramref name="map"/> to <paramref name="inputs"/> in batches without gradients and concatenates the results.</summary>
    public static Tensor Map(Tensor inputs, Func<Tensor, Tensor> map, int batchSize = 500)
    {
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            parts.Add(map(inputs.narrow(0, start, Math.Min(batchSize, inputs.shape[0] - start))).MoveToOuterDisposeScope());
        }
        var result = cat(parts, 0);
        foreach (var part in parts) part.Dispose();
        return result;
    }
}
