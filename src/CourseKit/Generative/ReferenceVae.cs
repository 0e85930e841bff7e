using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;

namespace CourseKit.Generative;

/// <summary>
/// The kit's reference VAE on binarised MNIST: an MLP 784–512–256–20 with a Bernoulli decoder, trained on the
/// 60 000 training images with dynamic binarisation and evaluated on the 10 000 test images binarised once with
/// seed 0. <c>coursekit train vae</c> regenerates <see cref="CheckpointPath"/>; notebook 07 loads it.
/// </summary>
public static class ReferenceVae
{
    /// <summary>The checkpoint's path under data/.</summary>
    public const string CheckpointPath = "checkpoints/vae-mlp-20.bin";

    /// <summary>Hidden layer sizes.</summary>
    public static readonly int[] Hidden = [512, 256];

    /// <summary>The latent dimension d.</summary>
    public const int LatentSize = 20;

    /// <summary>Importance samples k of the shipped log-likelihood estimate.</summary>
    public const int ImportanceSamples = 100;

    /// <summary>Test images used for the (slow) importance-weighted estimate.</summary>
    public const int ImportanceTestImages = 2000;

    /// <summary>The fixed binary MNIST test set: Bernoulli(x) of the 10 000 test images, drawn once with seed 0.</summary>
    public static torch.Tensor BinarizedTestSet(int? limit = null)
    {
        using var test = Mnist.Load(Split.Test, limit);
        return Binarize.Fixed(test.Inputs, seed: 0);
    }

    /// <summary>Trains the reference VAE from scratch and measures it on the binarised test set.</summary>
    /// <param name="options">Training options.</param>
    /// <param name="progress">Receives each epoch's metrics; its training loss is the −ELBO in nats per image (β = 1).</param>
    /// <param name="limit">Use only the first N training images (a quick trial); null for all 60 000.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="OperationCanceledException">Training was cancelled (nothing is measured then).</exception>
    public static (VariationalAutoencoder Model, VaeCheckpointInfo Info) Train(VaeTrainingOptions options, IProgress<EpochMetrics>? progress = null,
        int? limit = null, CancellationToken cancellationToken = default)
    {
        Seeds.Set(options.Seed);
        var vae = VariationalAutoencoder.Mlp([1, 28, 28], Hidden, LatentSize);
        using var train = Mnist.Load(Split.Train, limit);
        var loader = new BatchLoader(new InMemoryDataset(train.Inputs, train.Inputs), options.BatchSize, Shuffle: true, Seed: options.Seed);
        var generator = new torch.Generator().manual_seed(options.Seed);     // the binarisation and ε
        var step = new ObjectiveStep(vae, torch.optim.Adam(vae.parameters(), lr: options.LearningRate),
            vae.Objective(options.Beta, options.DynamicBinarization, generator));
        var clock = Stopwatch.StartNew();
        var history = new Trainer(step).Fit(loader, epochs: options.Epochs, progress: progress, cancellationToken: cancellationToken);
        if (history.Cancelled) throw new OperationCanceledException("training was cancelled; the model is not measured", cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        using var test = BinarizedTestSet();
        var score = VaeEvaluation.Evaluate(vae, test, samples: 1);
        using var iwTest = test.narrow(0, 0, ImportanceTestImages);
        double iw = VaeEvaluation.ImportanceWeightedNll(vae, iwTest, ImportanceSamples);
        var info = new VaeCheckpointInfo("mlp", Hidden, LatentSize, options, Math.Round(seconds, 1), Math.Round(score.NegativeElbo, 2),
            Math.Round(score.BitsPerDimension, 4), Math.Round(iw, 2), ImportanceSamples,
            $"coursekit train vae --epochs {options.Epochs} --seed {options.Seed}" + (limit is null ? "" : $" --limit {limit}"));
        return (vae, info);
    }

    /// <summary>Loads the shipped checkpoint (see <see cref="CheckpointPath"/>).</summary>
    public static (VariationalAutoencoder Model, VaeCheckpointInfo Info) Load() =>
        VaeCheckpoint.Load(VaeCheckpoint.FindDataFile(CheckpointPath));
}
