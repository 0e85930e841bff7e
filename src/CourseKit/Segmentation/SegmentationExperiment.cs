using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Runtime;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Segmentation;

/// <summary>Trains and scores segmentation networks on <see cref="ShapeMasks"/> (notebook 05, <c>coursekit vision segment</c>).</summary>
public static class SegmentationExperiment
{
    /// <summary>The networks the comparison trains, by name.</summary>
    public static IReadOnlyDictionary<string, Func<int, nn.Module<Tensor, Tensor>>> Networks { get; } =
        new Dictionary<string, Func<int, nn.Module<Tensor, Tensor>>>
        {
            ["FCN, transposed conv"] = k => new Fcn(k, Upsampling.TransposedConvolution, width: 8),
            ["FCN, upsample + conv"] = k => new Fcn(k, Upsampling.UpsampleThenConvolve, width: 8),
            ["dilated convolutions"] = k => new DilatedNet(k, width: 12),
            ["U-Net without skips"] = k => new UNet(k, skips: false, width: UNetWidth),
            ["U-Net with skips"] = k => new UNet(k, skips: true, width: UNetWidth),
        };

    /// <summary>Channels at full resolution of the compared U-Nets (and of <see cref="ShippedUNet"/>).</summary>
    public const int UNetWidth = 16;

    /// <summary>
    /// Trains <paramref name="network"/> with Adam on pixel-wise cross-entropy with the kit's <see cref="Trainer"/>.
    /// The learning rate follows a cosine from <paramref name="learningRate"/> down to 0 over the epochs
    /// (η_t = η₀ · (1 + cos(π t / T)) / 2), which settles the boundaries in the last epochs. Any step whose gradients
    /// are not finite is skipped (a guard: one such update would poison every weight; see <see cref="Trainer.SkippedSteps"/>).
    /// </summary>
    public static TrainingHistory Train(nn.Module<Tensor, Tensor> network, InMemoryDataset train, int epochs, int seed, double learningRate = 3e-3,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        Seeds.Set(seed);
        using var optimizer = optim.Adam(network.parameters(), learningRate);
        var loader = new BatchLoader(train, BatchSize: 32, Shuffle: true, Seed: seed);
        var trainer = new Trainer(network, optimizer, SegmentationLoss.PixelCrossEntropy)
        {
            SkipNonFiniteGradients = true,
            Scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs),
        };
        var history = trainer.Fit(loader, epochs: epochs, progress: progress, cancellationToken: cancellationToken);
        network.eval();
        return history;
    }

    /// <summary>
    /// Predicted label maps N×H×W (arg-max over classes), 64 images at a time, in evaluation mode and without gradients;
    /// the network gets back the mode it had.
    /// </summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> network, Tensor images)
    {
        using var mode = EvaluationMode.Of(network);
        return Batched.Map(images, batch => network.forward(batch).argmax(1), batchSize: 64);
    }

    /// <summary>The training images of a run with <paramref name="seed"/>.</summary>
    public static InMemoryDataset TrainingSet(int count, int seed) => ShapeMasks.Generate(count, seed);

    /// <summary>The test images of a run with <paramref name="seed"/>: drawn with another seed, so no test image is a training image.</summary>
    public static InMemoryDataset TestSet(int count, int seed) => ShapeMasks.Generate(count, seed + 1000);

    /// <summary>
    /// Trains a fresh network of each name on the same data (<see cref="TrainingSet"/>) and scores it on
    /// <see cref="TestSet"/>(<paramref name="testCount"/>, <paramref name="seed"/>).
    /// </summary>
    public static IReadOnlyList<SegmentationResult> Compare(IEnumerable<string> names, int trainCount, int testCount, int epochs, int seed = 0,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        using var train = TrainingSet(trainCount, seed);
        using var test = TestSet(testCount, seed);
        var results = new List<SegmentationResult>();
        foreach (var name in names)
        {
            if (!Networks.TryGetValue(name, out var make))
                throw new ArgumentException($"unknown network '{name}'; choose from: {string.Join(", ", Networks.Keys)}");
            Seeds.Set(seed);
            using var network = make(ShapeMasks.ClassNames.Count);
            var clock = Stopwatch.StartNew();
            Train(network, train, epochs, seed, cancellationToken: cancellationToken);
            using var predicted = Predict(network, test.Inputs);
            var result = new SegmentationResult(name, SegmentationMetrics.Score(predicted, test.Targets, ShapeMasks.ClassNames.Count),
                network.parameters().Sum(p => p.numel()), clock.Elapsed.TotalSeconds);
            progress?.Report(result.ToString());
            results.Add(result);
        }
        return results;
    }
}
