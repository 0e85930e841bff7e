using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Training;

namespace CourseKit.Detection;

/// <summary>What <see cref="DetectionExperiment.Run"/> measured.</summary>
/// <param name="ProposalMap">mAP@0.5 on the test scenes with region proposals (R-CNN).</param>
/// <param name="SlidingWindowMap">mAP@0.5 with sliding windows instead of proposals (same network).</param>
/// <param name="ProposalsPerImage">Average number of regions scored per image with proposals.</param>
/// <param name="WindowsPerImage">Number of regions scored per image with sliding windows.</param>
/// <param name="ProposalSeconds">Test time with proposals.</param>
/// <param name="SlidingWindowSeconds">Test time with sliding windows.</param>
/// <param name="TrainSeconds">Training time.</param>
/// <param name="Losses">Training loss per epoch.</param>
public sealed record DetectionReport(MapResult ProposalMap, MapResult SlidingWindowMap, double ProposalsPerImage, int WindowsPerImage,
    double ProposalSeconds, double SlidingWindowSeconds, double TrainSeconds, double[] Losses)
{
    /// <summary>A few lines for a console or notebook.</summary>
    public override string ToString() =>
        $"R-CNN (proposals):  mAP@0.5 = {ProposalMap.Map:0.000}  ({ProposalsPerImage:0.0} regions/image, {ProposalSeconds:0.0} s)\n" +
        $"sliding windows:    mAP@0.5 = {SlidingWindowMap.Map:0.000}  ({WindowsPerImage} regions/image, {SlidingWindowSeconds:0.0} s)\n" +
        $"training: {TrainSeconds:0.0} s, loss per epoch {string.Join(" ", Losses.Select(l => l.ToString("0.000")))}";
}

/// <summary>The detection experiment behind notebook 05 and <c>coursekit vision detect</c>.</summary>
public static class DetectionExperiment
{
    /// <summary>Sliding-window sides and stride used for the comparison.</summary>
    public static readonly int[] WindowSides = { 12, 16, 20, 24 };

    /// <summary>Stride of the sliding windows.</summary>
    public const int WindowStride = 3;

    /// <summary>
    /// Generates train and test scenes (shapes, or <paramref name="glyphs"/> such as MNIST digits), trains an
    /// R-CNN network, and measures mAP@0.5 with proposals and with sliding windows.
    /// </summary>
    public static (RcnnDetector Detector, DetectionReport Report) Run(int trainScenes, int testScenes, int epochs, int seed = 0,
        TensorDataset? glyphs = null, IReadOnlyList<string>? glyphClassNames = null, IProgress<EpochMetrics>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var train = ClutteredScenes.Generate(trainScenes, seed, glyphs: glyphs, glyphClassNames: glyphClassNames);
        using var test = ClutteredScenes.Generate(testScenes, seed + 1000, glyphs: glyphs, glyphClassNames: glyphClassNames);
        var detector = new RcnnDetector(new RcnnNetwork(train.ClassNames.Count));
        var clock = Stopwatch.StartNew();
        var losses = detector.Train(train, epochs, seed, progress: progress, cancellationToken: cancellationToken).TrainLosses;
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        double regions = 0;
        var proposalMap = detector.Evaluate(test, image =>
        {
            var p = RegionProposals.Propose(image);
            regions += p.Count;
            return p;
        });
        double proposalSeconds = clock.Elapsed.TotalSeconds;
        int size = (int)test.Images.shape[3];
        var windows = SlidingWindows.Windows(size, size, WindowSides, WindowStride);
        clock.Restart();
        var windowMap = detector.Evaluate(test, _ => windows);
        double windowSeconds = clock.Elapsed.TotalSeconds;
        return (detector, new DetectionReport(proposalMap, windowMap, regions / test.Count, windows.Count, proposalSeconds, windowSeconds, trainSeconds, losses));
    }
}
