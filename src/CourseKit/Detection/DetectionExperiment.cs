using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Training;

namespace CourseKit.Detection;

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
        InMemoryDataset? glyphs = null, IReadOnlyList<string>? glyphClassNames = null, IProgress<EpochMetrics>? progress = null,
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
