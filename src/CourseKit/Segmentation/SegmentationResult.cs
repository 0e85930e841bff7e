using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Segmentation;

/// <summary>One trained segmentation network and its test scores.</summary>
/// <param name="Name">Which network.</param>
/// <param name="Scores">Test scores.</param>
/// <param name="Parameters">Number of trainable parameters.</param>
/// <param name="Seconds">Training time.</param>
public sealed record SegmentationResult(string Name, SegmentationScores Scores, long Parameters, double Seconds)
{
    /// <summary>One line.</summary>
    public override string ToString() => $"{Name,-28} {Scores}  [{Parameters} parameters, {Seconds:0} s]";
}
