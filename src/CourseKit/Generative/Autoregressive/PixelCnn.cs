using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using DataLoader = CourseKit.Data.DataLoader;
using TensorDataset = CourseKit.Data.TensorDataset;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// A network that maps binary images N×1×H×W to one Bernoulli logit per pixel, logitᵢ depending only on the pixels
/// before i in raster order, so that p(x) = ∏ᵢ Bernoulli(xᵢ; σ(logitᵢ)): what <see cref="PixelCnn"/> and
/// <see cref="GatedPixelCnn"/> share, with their likelihood and their pixel-by-pixel sampling.
/// </summary>
public abstract class AutoregressiveImageModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module (TorchSharp's module name).</summary>
    protected AutoregressiveImageModel(string name) : base(name) { }

    /// <summary>−log p(x) in nats for each image (N values): the summed binary cross-entropy of every pixel.</summary>
    public Tensor NegativeLogLikelihood(Tensor binaryImages) => NegativeLogLikelihood(forward(binaryImages), binaryImages);

    /// <summary>
    /// −log p(x) per image from the network's logits: −Σᵢ [xᵢ log σ(logitᵢ) + (1 − xᵢ) log(1 − σ(logitᵢ))], the pixel-wise
    /// binary cross-entropy summed over the pixels (in nats).
    /// </summary>
    public static Tensor NegativeLogLikelihood(Tensor logits, Tensor binaryImages) =>
        nn.functional.binary_cross_entropy_with_logits(logits, binaryImages, reduction: nn.Reduction.None).flatten(1).sum(1);

    /// <summary>
    /// Draws <paramref name="count"/> images pixel by pixel in raster order: H·W forward passes, each sampling one pixel from
    /// Bernoulli(σ(logit)) given the pixels already drawn (why sampling is slow even though training is parallel).
    /// </summary>
    public Tensor Sample(int count, int height = 28, int width = 28, Generator? generator = null, CancellationToken cancellationToken = default)
    {
        using var noGrad = no_grad();
        eval();
        var images = zeros(count, 1, height, width);
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var p = forward(images).select(2, r).select(2, c).sigmoid();     // N×1
                images[.., .., r, c] = bernoulli(p, generator);
            }
        train();
        return images;
    }
}

/// <summary>
/// A PixelCNN for binary images (van den Oord et al. 2016): a 7×7 type-A masked convolution, residual blocks of 3×3
/// type-B masked convolutions, then 1×1 convolutions to one Bernoulli logit per pixel. p(x) = ∏ᵢ Bernoulli(xᵢ; σ(logitᵢ)),
/// where logitᵢ depends only on x₁ … xᵢ₋₁.
/// </summary>
public sealed class PixelCnn : AutoregressiveImageModel
{
    private readonly MaskedConv2d first;
    private readonly ModuleList<MaskedConv2d> blocks;
    private readonly Conv2d hidden, output;

    /// <summary>Creates the network.</summary>
    /// <param name="channels">Feature maps per layer.</param>
    /// <param name="layers">Residual type-B layers after the first one.</param>
    public PixelCnn(int channels = 32, int layers = 5) : base(nameof(PixelCnn))
    {
        Channels = channels;
        Layers = layers;
        first = new MaskedConv2d(MaskType.A, 1, channels, 7);
        blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new MaskedConv2d(MaskType.B, channels, channels, 3)).ToArray());
        hidden = nn.Conv2d(channels, channels, 1);
        output = nn.Conv2d(channels, 1, 1);
        RegisterComponents();
    }

    /// <summary>Feature maps per layer.</summary>
    public int Channels { get; }

    /// <summary>Residual type-B layers.</summary>
    public int Layers { get; }

    /// <summary>Bernoulli logits N×1×H×W for binary images N×1×H×W.</summary>
    public override Tensor forward(Tensor x)
    {
        var h = first.forward(x);
        foreach (var block in blocks) h = h + block.forward(nn.functional.relu(h));
        return output.forward(nn.functional.relu(hidden.forward(nn.functional.relu(h))));
    }
}

/// <summary>Likelihood numbers of a density model on binary images.</summary>
/// <param name="Nats">Mean −log p(x) per image, in nats.</param>
/// <param name="BitsPerDimension">The same per pixel in bits: nats / (D ln 2).</param>
/// <param name="Images">Images evaluated.</param>
public sealed record Likelihood(double Nats, double BitsPerDimension, int Images)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Nats:F1} nats per image = {BitsPerDimension:F4} bits/dim ({Images} images)";
}

/// <summary>One epoch of PixelCNN training.</summary>
public sealed record PixelCnnEpoch(int Epoch, double TrainNats, double TestNats);

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
        using var data = new TensorDataset(trainImages.alias(), trainImages.alias());
        var history = new List<PixelCnnEpoch>();
        var afterEachEpoch = new ProgressCallback<EpochMetrics>(metrics =>
        {
            var result = new PixelCnnEpoch(metrics.Epoch - 1, metrics.TrainLoss, Evaluate(model, testImages).Nats);
            history.Add(result);
            progress?.Report(result);
            afterEpoch?.Invoke(result.Epoch);
        });
        trainer.Fit(new DataLoader(data, batchSize, Shuffle: true, Seed: seed), epochs: epochs, progress: afterEachEpoch, cancellationToken: cancellationToken);
        return history;
    }
}
