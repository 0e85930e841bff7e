using CourseKit.Visualization;

namespace CourseKit.Training;

/// <summary>Sends each report to several progress receivers (e.g. a live chart and a terminal line).</summary>
public sealed class CombinedProgress(params IProgress<EpochMetrics>[] receivers) : IProgress<EpochMetrics>
{
    /// <summary>Reports to every receiver in order.</summary>
    public void Report(EpochMetrics value)
    {
        foreach (var receiver in receivers) receiver.Report(value);
    }
}
