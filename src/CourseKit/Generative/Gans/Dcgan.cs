using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// DCGAN's generator for 28×28 digits (Radford et al. 2016), following the paper's architecture guidelines: transposed convolutions to
/// upsample, no fully connected hidden layers, batch norm everywhere except the output, ReLU inside and tanh at the output.
/// z (N×latent) → 7×7 → 14×14 → 28×28, values in [−1, 1]. <c>extraLayers</c> adds that many 3×3 stride-1 convolutions
/// (with batch norm and ReLU) at 7×7 and at 14×14: deeper, not wider, which is what the shipped generator uses.
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>
    /// Creates the generator; <paramref name="features"/> is the width of the last hidden layer (the first has twice as
    /// many); <paramref name="extraLayers"/> is the number of 3×3 stride-1 convolutions added at each of 7×7 and 14×14.
    /// </summary>
    public DcganGenerator(int latentSize = 64, int features = 32, int extraLayers = 0) : base(nameof(DcganGenerator))
    {
        if (extraLayers < 0) throw new ArgumentOutOfRangeException(nameof(extraLayers), extraLayers, "extraLayers counts added convolutions: 0 or more");
        LatentSize = latentSize;
        layers = nn.Sequential();
        AddBlock(nn.ConvTranspose2d(latentSize, 2 * features, 7, bias: false), 2 * features);                    // 1×1 → 7×7
        AddRefinements(2 * features, extraLayers);
        AddBlock(nn.ConvTranspose2d(2 * features, features, 4, stride: 2, padding: 1, bias: false), features);   // 7×7 → 14×14
        AddRefinements(features, extraLayers);
        layers.append(nn.ConvTranspose2d(features, 1, 4, stride: 2, padding: 1));                               // 14×14 → 28×28, no batch norm
        layers.append(nn.Tanh());
        RegisterComponents();
    }

    /// <summary>Size of z.</summary>
    public int LatentSize { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => layers.forward(z.reshape(z.shape[0], z.shape[1], 1, 1));

    // convolution → batch norm → ReLU (the convolution has no bias: batch norm's shift replaces it)
    private void AddBlock(nn.Module<Tensor, Tensor> convolution, int channels)
    {
        layers.append(convolution);
        layers.append(nn.BatchNorm2d(channels));
        layers.append(nn.ReLU());
    }

    // 3×3 stride-1 convolutions keep the size and add depth at this resolution.
    private void AddRefinements(int channels, int count)
    {
        for (int i = 0; i < count; i++)
            AddBlock(nn.Conv2d(channels, channels, 3, padding: 1, bias: false), channels);
    }
}

/// <summary>
/// DCGAN's discriminator for 28×28 digits: strided convolutions instead of pooling, no fully connected layers (the last
/// 7×7 convolution makes the score), LeakyReLU(0.2), batch norm except on the input layer. Images in [−1, 1] → N×1 logits.
/// <c>extraLayers</c> adds that many 3×3 stride-1 convolutions at 14×14 and at 7×7, as in <see cref="DcganGenerator"/>.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;
    private readonly bool batchNorm;

    /// <summary>
    /// Creates the discriminator; <paramref name="inputChannels"/> &gt; 1 for packed or conditioned inputs.
    /// <paramref name="batchNorm"/> = false leaves out the hidden layers' batch norm (against the DCGAN rules; see notebook 08).
    /// <paramref name="extraLayers"/> is the number of 3×3 stride-1 convolutions added at each of 14×14 and 7×7.
    /// </summary>
    public DcganDiscriminator(int features = 32, int inputChannels = 1, bool batchNorm = true, int extraLayers = 0) : base(nameof(DcganDiscriminator))
    {
        if (extraLayers < 0) throw new ArgumentOutOfRangeException(nameof(extraLayers), extraLayers, "extraLayers counts added convolutions: 0 or more");
        this.batchNorm = batchNorm;
        layers = nn.Sequential();
        layers.append(nn.Conv2d(inputChannels, features, 4, stride: 2, padding: 1));        // 28 → 14, no batch norm on the input layer
        layers.append(nn.LeakyReLU(0.2));
        AddRefinements(features, extraLayers);
        AddBlock(nn.Conv2d(features, 2 * features, 4, stride: 2, padding: 1, bias: !batchNorm), 2 * features);   // 14 → 7
        AddRefinements(2 * features, extraLayers);
        layers.append(nn.Conv2d(2 * features, 1, 7));                                        // 7 → 1: the score
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => layers.forward(x).flatten(1);

    // convolution → batch norm (if on; it has its own shift, so the convolution has a bias only without it) → LeakyReLU
    private void AddBlock(nn.Module<Tensor, Tensor> convolution, int channels)
    {
        layers.append(convolution);
        layers.append(batchNorm ? nn.BatchNorm2d(channels) : nn.Identity());
        layers.append(nn.LeakyReLU(0.2));
    }

    private void AddRefinements(int channels, int count)
    {
        for (int i = 0; i < count; i++)
            AddBlock(nn.Conv2d(channels, channels, 3, padding: 1, bias: !batchNorm), channels);
    }
}

/// <summary>
/// The kit's seeded MNIST GAN recipes (what <c>coursekit train dcgan</c> runs): fixed seed, fixed data order,
/// Adam(2e-4, β₁ = 0.5), batch 64, images scaled to [−1, 1].
/// </summary>
public static class DigitGans
{
    /// <summary>Size of z for the kit's digit GANs (the shipped generator reads 64 numbers).</summary>
    public const int LatentSize = 64;

    /// <summary>Width (<c>features</c>) of the shipped DCGAN checkpoint's generator and discriminator.</summary>
    public const int ShippedFeatures = 32;

    /// <summary>
    /// 3×3 stride-1 convolutions the shipped DCGAN adds at each resolution (<c>extraLayers</c>): two gave an Inception
    /// Score of 7.82 after five epochs and 8.53 after twenty; one gave 7.26 and 8.14, none 6.00 and 6.53 (notebook 08).
    /// </summary>
    public const int ShippedExtraLayers = 2;

    /// <summary>Epochs the shipped DCGAN checkpoint was trained (<c>coursekit train dcgan</c>).</summary>
    public const int ShippedEpochs = 20;

    /// <summary>The shipped generator's file in <c>data/checkpoints/</c>.</summary>
    public const string CheckpointFile = "dcgan-generator.bin";

    /// <summary>The shipped generator: built with the shipped sizes and loaded from <see cref="CheckpointFile"/>.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint is missing; the message says how to regenerate it.</exception>
    public static DcganGenerator LoadShipped()
    {
        var generator = new DcganGenerator(LatentSize, ShippedFeatures, ShippedExtraLayers);
        generator.load(Checkpoints.Require(CheckpointFile, "train dcgan"));
        return generator;
    }

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
    /// = false trains the variant notebook 08 compares (no batch norm in the discriminator); <paramref name="extraLayers"/>
    /// = 0 trains the minimal DCGAN of the GAN lecture (two upsampling layers).
    /// </summary>
    public static (DcganGenerator Generator, DcganDiscriminator Discriminator) TrainDcgan(Tensor images, int epochs, int seed = 0,
        int features = ShippedFeatures, int batchSize = 64, IProgress<GanStep>? progress = null, Action<int, DcganGenerator>? afterEpoch = null,
        bool discriminatorBatchNorm = true, int extraLayers = ShippedExtraLayers, CancellationToken cancellationToken = default)
    {
        manual_seed(seed);
        var generator = new DcganGenerator(LatentSize, features, extraLayers);
        var discriminator = new DcganDiscriminator(features, batchNorm: discriminatorBatchNorm, extraLayers: extraLayers);
        using var scaled = ToTanhRange(images);
        using var labels = zeros(images.shape[0], dtype: int64);
        using var data = new CourseKit.Data.TensorDataset(scaled.alias(), labels.alias());
        var loader = new CourseKit.Data.DataLoader(data, batchSize, Shuffle: true, Seed: seed, DropLast: true);
        using var trainer = new GanTrainer(generator, discriminator, new GanSettings(GanObjective.NonSaturating, LatentSize: generator.LatentSize));
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
