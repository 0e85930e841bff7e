using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

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
    /// <paramref name="afterEpoch"/> gets each epoch's metrics and the generator (e.g. to save a checkpoint). <paramref name="discriminatorBatchNorm"/>
    /// = false trains the variant notebook 08 compares (no batch norm in the discriminator); <paramref name="extraLayers"/>
    /// = 0 trains the minimal DCGAN of the GAN lecture (two upsampling layers).
    /// </summary>
    public static (DcganGenerator Generator, DcganDiscriminator Discriminator) TrainDcgan(Tensor images, int epochs, int seed = 0,
        int features = ShippedFeatures, int batchSize = 64, Action<EpochMetrics, DcganGenerator>? afterEpoch = null,
        bool discriminatorBatchNorm = true, int extraLayers = ShippedExtraLayers, CancellationToken cancellationToken = default)
    {
        manual_seed(seed);
        var generator = new DcganGenerator(LatentSize, features, extraLayers);
        var discriminator = new DcganDiscriminator(features, batchNorm: discriminatorBatchNorm, extraLayers: extraLayers);
        using var scaled = ToTanhRange(images);
        using var labels = zeros(images.shape[0], dtype: int64);
        using var data = new CourseKit.Data.InMemoryDataset(scaled.alias(), labels.alias());
        var loader = new CourseKit.Data.BatchLoader(data, batchSize, Shuffle: true, Seed: seed, DropLast: true);
        using var gan = new GanStep(generator, discriminator, new GanSettings(GanObjective.NonSaturating, LatentSize: generator.LatentSize));
        var progress = afterEpoch is null ? null : new ProgressCallback<EpochMetrics>(metrics => afterEpoch(metrics, generator));
        new Trainer(gan).Fit(loader, epochs: epochs, progress: progress, cancellationToken: cancellationToken);
        return (generator, discriminator);
    }
}
