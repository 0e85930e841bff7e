using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Segmentation;

/// <summary>
/// The full-size U-Nets whose weights ship in <c>data/checkpoints/</c>: with skips (<c>unet-shapes.bin</c>) and, for
/// the segmentation lecture's comparison, the same network without them (<c>unet-shapes-noskips.bin</c>). Each is trained on 3,000
/// shape-mask images for 20 epochs (seed 0, about 9 minutes on two cores), so notebook 05 can compare networks that
/// have finished learning (the one with skips meets the course's target, mean IoU ≥ 0.9) without training for
/// minutes. <c>coursekit train unet</c> remakes them.
/// </summary>
public static class ShippedUNet
{
    /// <summary>The file in <c>data/checkpoints/</c> of the network with or without skips.</summary>
    public static string FileName(bool skips) => skips ? "unet-shapes.bin" : "unet-shapes-noskips.bin";

    /// <summary>Training images.</summary>
    public const int TrainCount = 3000;

    /// <summary>Test images (<see cref="SegmentationExperiment.TestSet"/> with <see cref="Seed"/>).</summary>
    public const int TestCount = 300;

    /// <summary>Training epochs.</summary>
    public const int Epochs = 20;

    /// <summary>Seed of the data, the initial weights and the shuffling.</summary>
    public const int Seed = 0;

    /// <summary>An untrained network of the shipped shape.</summary>
    public static UNet Create(bool skips = true) => new(ShapeMasks.ClassNames.Count, skips, width: SegmentationExperiment.UNetWidth);

    /// <summary>Trains the network from scratch exactly as the shipped one was trained.</summary>
    public static UNet Train(bool skips = true, IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        using var train = SegmentationExperiment.TrainingSet(TrainCount, Seed);
        Seeds.Set(Seed);
        var network = Create(skips);
        SegmentationExperiment.Train(network, train, Epochs, Seed, progress: progress, cancellationToken: cancellationToken);
        return network;
    }

    /// <summary>Loads the shipped weights of the network with or without skips (in evaluation mode).</summary>
    /// <exception cref="FileNotFoundException">The checkpoint is missing; the message says how to remake it.</exception>
    public static UNet Load(bool skips = true)
    {
        var network = Create(skips);
        network.load(Checkpoints.Require(FileName(skips), "train unet"));
        network.eval();
        return network;
    }

    /// <summary>The test set the shipped network is scored on.</summary>
    public static InMemoryDataset TestSet() => SegmentationExperiment.TestSet(TestCount, Seed);

    /// <summary>Scores <paramref name="network"/> on <see cref="TestSet"/>.</summary>
    public static SegmentationScores Score(nn.Module<Tensor, Tensor> network)
    {
        using var test = TestSet();
        using var predicted = SegmentationExperiment.Predict(network, test.Inputs);
        return SegmentationMetrics.Score(predicted, test.Targets, ShapeMasks.ClassNames.Count);
    }
}
