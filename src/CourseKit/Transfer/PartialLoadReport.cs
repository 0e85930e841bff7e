using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Transfer;

/// <summary>What <c>StateDicts.LoadMatching</c> did.</summary>
/// <param name="Loaded">Names copied into the model.</param>
/// <param name="SkippedMissing">Names in the file that the model does not have.</param>
/// <param name="SkippedShape">Names whose shapes differ (e.g. a new classifier head), as "name: file [..] vs model [..]".</param>
/// <param name="NotInFile">Model entries the file does not provide (they keep their current values).</param>
public sealed record PartialLoadReport(IReadOnlyList<string> Loaded, IReadOnlyList<string> SkippedMissing, IReadOnlyList<string> SkippedShape, IReadOnlyList<string> NotInFile)
{
    /// <summary>A summary for the console or notebook.</summary>
    public override string ToString() =>
        $"loaded {Loaded.Count}; skipped {SkippedMissing.Count} unknown and {SkippedShape.Count} with another shape" +
        (SkippedShape.Count > 0 ? " (" + string.Join("; ", SkippedShape) + ")" : "") + $"; {NotInFile.Count} model entries kept";
}
