using CourseKit.Visualization;

namespace CourseKit.Training;

/// <summary>
/// Progress in a terminal: a bar and the epoch's metrics, one line per epoch, e.g.
/// <c>[#####-----] 5/10 epoch 5: train loss 0.0500 acc 98.40% | val loss 0.0400 acc 98.70% | lr 0.001 | 60.2 s</c>.
/// </summary>
public sealed class TerminalProgress : IProgress<EpochMetrics>
{
    private readonly int totalEpochs;
    private readonly TextWriter writer;

    /// <summary>Progress for a run of <paramref name="totalEpochs"/> epochs, written to <paramref name="writer"/> (the console by default).</summary>
    public TerminalProgress(int totalEpochs, TextWriter? writer = null)
    {
        this.totalEpochs = Math.Max(1, totalEpochs);
        this.writer = writer ?? Console.Out;
    }

    /// <summary>Writes the bar and the metrics of one finished epoch.</summary>
    public void Report(EpochMetrics value)
    {
        const int width = 20;
        int done = Math.Min(width, width * value.Epoch / totalEpochs);
        writer.WriteLine($"[{new string('#', done)}{new string('-', width - done)}] {value.Epoch}/{totalEpochs} {value}");
        writer.Flush();
    }
}
