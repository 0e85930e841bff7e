using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>Binarized MNIST and PixelCNN training/evaluation.</summary>
public static class PixelCnnTraining
{
    /// <summary>
    /// Binarizes [0, 1] images stochastically once, with a fixed seed (each pixel is 1 with probability its intensity),
    /// as in the usual binarized-MNIST benchmark on which PixelCNN reports 81.3 nats.
    /// </summary>
    public static Tensor Binarize(Tensor images, int seed) => bernoulli(images, new Generator((ulong)seed));

    /// <summary>Mean −log p(x) of <paramref name="binaryImages"/> in nats and bits per dimension.</summary>
    public static Likelihood Evaluate(AutoregressiveImageModel model, Tensor binaryImages, int batchSize = 500)
    {
        using var noGrad = no_grad();
        model.eval();
        double total = 0;
        long n = binaryImages.shape[0];
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            total += model.NegativeLogLikelihood(binaryImages.narrow(0, start, Math.Min(batchSize, n - start))).sum().item<float>();
        }
        model.train();
        double nats = total / n;
        return new Likelihood(nats, nats / (binaryImages[0].numel() * Math.Log(2)), (int)n);
    }

    /// <summary>Feature maps per layer of the shipped checkpoint (<c>coursekit train pixelcnn</c>).</summary>
    public const int ShippedChannels = 32;

    /// <summary>Residual type-B layers of the shipped checkpoint: 12 of them see 15 rows up, the 7×7 layer 3 plus one per layer.</summary>
    public const int ShippedLayers = 12;

    /// <summary>Epochs of the shipped checkpoint.</summary>
    public const int ShippedEpochs = 5;

    /// <summary>Adam's first learning rate for the shipped checkpoint (the cosine of <see cref="Fit"/> then takes it to 0).</summary>
    public const double ShippedLearningRate = 2e-3;

    /// <summary>
    /// Maximum likelihood training with Adam, the learning rate following a cosine from <paramref name="learningRate"/>
    /// to 0 over the epochs (η_t = η₀ · (1 + cos(π t / T)) / 2); reports train and test nats after each epoch.
    /// </summary>
    public static IReadOnlyList<PixelCnnEpoch> Fit(AutoregressiveImageModel model, Tensor trainImages, Tensor testImages, int epochs,
        double learningRate = 1e-3, int batchSize = 64, int seed = 0, IProgress<PixelCnnEpoch>? progress = null,
        Action<int>? afterEpoch = null, CancellationToken cancellationToken = default)
    {
        using var optimizer = optim.Adam(model.parameters(), learningRate);
        // The image is its own target: the loss is the mean −log p(x) of the batch, in nats per image.
        var trainer = new Trainer(model, optimizer, (logits, images) => AutoregressiveImageModel.NegativeLogLikelihood(logits, images).mean())
        {
            Scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs),
        };
        using var data = new InMemoryDataset(trainImages.alias(), trainImages.alias());
        var history = new List<PixelCnnEpoch>();
        var afterEachEpoch = new ProgressCallback<EpochMetrics>(metrics =>
        {
            var result = new PixelCnnEpoch(metrics.Epoch - 1, metrics.TrainLoss, Evaluate(model, testImages).Nats);
            history.Add(result);
            progress?.Report(result);
            afterEpoch?.Invoke(result.Epoch);
        });
        trainer.Fit(new BatchLoader(data, batchSize, Shuffle: true, Seed: seed), epochs: epochs, progress: afterEachEpoch, cancellationToken: cancellationToken);
        return history;
    }
}
