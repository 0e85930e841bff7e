using CourseKit.Autoencoders;
using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>Trains a <see cref="VariationalAutoencoder"/> by minimising −ELBO (or the β-VAE loss) with the kit's reconstruction loop.</summary>
public static class VaeTraining
{
    /// <summary>
    /// Trains <paramref name="vae"/> on <paramref name="images"/> (N×C×H×W in [0,1]) and returns the mean loss
    /// (−ELBO when β = 1, nats per image) of each epoch.
    /// </summary>
    public static IReadOnlyList<double> Fit(VariationalAutoencoder vae, Tensor images, VaeTrainingOptions options,
        IProgress<EpochLoss>? progress = null, CancellationToken cancellationToken = default)
    {
        var generator = new Generator().manual_seed(options.Seed);
        var dataset = new InMemoryDataset(images, zeros(images.shape[0], dtype: int64));
        var loader = new BatchLoader(dataset, options.BatchSize, Shuffle: true, Seed: options.Seed);
        Tensor Loss(Tensor x, Tensor _)
        {
            var target = options.DynamicBinarization ? Binarize.Stochastic(x, generator) : x;
            return vae.Loss(target, options.Beta, generator);
        }
        var history = ReconstructionTraining.Fit(vae, loader, Loss, options.Epochs, options.LearningRate, progress, cancellationToken);
        dataset.Targets.Dispose();
        return history;
    }
}
