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
