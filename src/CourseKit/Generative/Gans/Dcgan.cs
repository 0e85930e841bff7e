using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// DCGAN's generator for 28×28 digits (Radford et al. 2016), following the deck's rules: transposed convolutions to
/// upsample, no fully connected hidden layers, batch norm everywhere except the output, ReLU inside and tanh at the output.
/// z (N×latent) → 7×7 → 14×14 → 28×28, values in [−1, 1].
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Creates the generator; <paramref name="features"/> is the width of the last hidden layer (the first has twice as many).</summary>
    public DcganGenerator(int latentSize = 64, int features = 32) : base(nameof(DcganGenerator))
    {
        LatentSize = latentSize;
        layers = nn.Sequential(
            nn.ConvTranspose2d(latentSize, 2 * features, 7, bias: false),                           // 1×1 → 7×7
            nn.BatchNorm2d(2 * features), nn.ReLU(),
            nn.ConvTranspose2d(2 * features, features, 4, stride: 2, padding: 1, bias: false),      // 7×7 → 14×14
            nn.BatchNorm2d(features), nn.ReLU(),
            nn.ConvTranspose2d(features, 1, 4, stride: 2, padding: 1),                              // 14×14 → 28×28, no batch norm
            nn.Tanh());
        RegisterComponents();
    }

    /// <summary>Size of z.</summary>
    public int LatentSize { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => layers.forward(z.reshape(z.shape[0], z.shape[1], 1, 1));
}

/// <summary>
/// DCGAN's discriminator for 28×28 digits: strided convolutions instead of pooling, no fully connected layers (the last
/// 7×7 convolution makes the score), LeakyReLU(0.2), batch norm except on the input layer. Images in [−1, 1] → N×1 logits.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>
    /// Creates the discriminator; <paramref name="inputChannels"/> &gt; 1 for packed or conditioned inputs.
    /// <paramref name="batchNorm"/> = false leaves out the hidden layer's batch norm (against the DCGAN rules; on MNIST it
    /// trains a better generator, see notebook 08).
    /// </summary>
    public DcganDiscriminator(int features = 32, int inputChannels = 1, bool batchNorm = true) : base(nameof(DcganDiscriminator))
    {
        layers = nn.Sequential(
            nn.Conv2d(inputChannels, features, 4, stride: 2, padding: 1),                  // 28 → 14, no batch norm on the input layer
            nn.LeakyReLU(0.2),
            nn.Conv2d(features, 2 * features, 4, stride: 2, padding: 1, bias: !batchNorm), // 14 → 7 (batch norm has its own shift)
            batchNorm ? nn.BatchNorm2d(2 * features) : nn.Identity(),
            nn.LeakyReLU(0.2),
            nn.Conv2d(2 * features, 1, 7));                                                // 7 → 1: the score
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => layers.forward(x).flatten(1);
}

/// <summary>
/// The kit's seeded MNIST GAN recipes (what <c>coursekit train dcgan</c> runs): fixed seed, fixed data order,
/// Adam(2e-4, β₁ = 0.5), batch 64, images scaled to [−1, 1].
/// </summary>
public static class DigitGans
{
    /// <summary>Width (<c>features</c>) of the shipped DCGAN checkpoint's generator and discriminator.</summary>
    public const int ShippedFeatures = 32;

    /// <summary>Epochs the shipped DCGAN checkpoint was trained (<c>coursekit train dcgan</c>).</summary>
    public const int ShippedEpochs = 20;

    /// <summary>Images in [0, 1] → [−1, 1] (the range of tanh).</summary>
    public static Tensor ToTanhRange(Tensor images) => images * 2 - 1;

    /// <summary>Generator outputs in [−1, 1] → [0, 1] for display and for the classifier.</summary>
    public static Tensor FromTanhRange(Tensor images) => ((images + 1) / 2).clamp(0, 1);

    /// <summary>
    /// Draws <paramref name="count"/> digits in [0, 1] from <paramref name="generator"/> with z ~ N(0, I) from its own
    /// random generator seeded <paramref name="seed"/> (the global one is left alone, so a training run it interrupts
    /// goes on unchanged). Batch norm uses its running statistics while sampling; the module's mode is restored after.
    /// </summary>
    public static Tensor Sample(DcganGenerator generator, int count, int seed)
    {
        bool wasTraining = generator.training;
        generator.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var z = randn([count, generator.LatentSize], generator: new Generator((ulong)seed));
        var images = FromTanhRange(generator.forward(z)).MoveToOuterDisposeScope();
        generator.train(wasTraining);
        return images;
    }

    /// <summary>
    /// Trains a DCGAN on <paramref name="images"/> (N×1×28×28 in [0, 1]) for <paramref name="epochs"/> passes;
    /// <paramref name="afterEpoch"/> runs after each (e.g. to save a checkpoint). <paramref name="discriminatorBatchNorm"/>
    /// = false trains the variant notebook 08 compares (no batch norm in the discriminator).
    /// </summary>
    public static (DcganGenerator Generator, DcganDiscriminator Discriminator) TrainDcgan(Tensor images, int epochs, int seed = 0,
        int features = ShippedFeatures, int batchSize = 64, IProgress<GanStep>? progress = null, Action<int, DcganGenerator>? afterEpoch = null,
        bool discriminatorBatchNorm = true, CancellationToken cancellationToken = default)
    {
        manual_seed(seed);
        var generator = new DcganGenerator(64, features);
        var discriminator = new DcganDiscriminator(features, batchNorm: discriminatorBatchNorm);
        using var scaled = ToTanhRange(images);
        using var labels = zeros(images.shape[0], dtype: int64);
        using var data = new CourseKit.Data.TensorDataset(scaled.alias(), labels.alias());
        var loader = new CourseKit.Data.DataLoader(data, batchSize, Shuffle: true, Seed: seed, DropLast: true);
        using var trainer = new GanTrainer(generator, discriminator, new GanSettings(GanObjective.NonSaturating, LatentSize: 64));
        using var batches = GanData.Forever(loader).GetEnumerator();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int step = 0; step < loader.BatchCount; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(trainer.Step(batches));
            }
            afterEpoch?.Invoke(epoch, generator);
        }
        return (generator, discriminator);
    }
}
