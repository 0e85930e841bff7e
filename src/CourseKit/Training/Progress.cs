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

/// <summary>
/// A live loss/accuracy chart for notebooks: after each epoch it redraws <see cref="Charts.PlotLosses"/> and hands
/// the chart to <c>update</c>, which in a notebook replaces the displayed chart.
/// </summary>
/// <example>
/// <code>
/// var model = new LeNet5();
/// var trainer = new Trainer(model, torch.optim.Adam(model.parameters(), 1e-3), (output, target) => torch.nn.functional.cross_entropy(output, target));
/// var view = display(Charts.PlotLosses(TrainingHistory.From([])));
/// trainer.Fit(new DataLoader(Mnist.Load(Split.Train, limit: 12000), 128, Shuffle: true), new DataLoader(Mnist.Load(Split.Test, limit: 2000), 500),
///             epochs: 3, progress: new LiveChart(chart => view.Update(chart)));
/// </code>
/// </example>
public sealed class LiveChart : IProgress<EpochMetrics>
{
    private readonly Action<RichOutput> update;
    private readonly List<EpochMetrics> epochs = new();

    /// <summary>A chart that calls <paramref name="update"/> with the new picture after every epoch.</summary>
    public LiveChart(Action<RichOutput> update) => this.update = update;

    /// <summary>The epochs reported so far.</summary>
    public TrainingHistory History => TrainingHistory.From(epochs.ToList());

    /// <summary>Adds the epoch and redraws.</summary>
    public void Report(EpochMetrics value)
    {
        epochs.Add(value);
        update(Charts.PlotLosses(History));
    }
}

/// <summary>Sends each report to several progress receivers (e.g. a live chart and a terminal line).</summary>
public sealed class CombinedProgress(params IProgress<EpochMetrics>[] receivers) : IProgress<EpochMetrics>
{
    /// <summary>Reports to every receiver in order.</summary>
    public void Report(EpochMetrics value)
    {
        foreach (var receiver in receivers) receiver.Report(value);
    }
}

/// <summary>
/// An <see cref="IProgress{T}"/> that calls <paramref name="report"/> at once, on the reporting thread
/// (<see cref="Progress{T}"/> posts to the thread pool, so its lines can come late or out of order).
/// </summary>
/// <typeparam name="T">What is reported.</typeparam>
public sealed class ProgressCallback<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
