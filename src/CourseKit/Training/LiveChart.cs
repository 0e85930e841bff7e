using CourseKit.Visualization;

namespace CourseKit.Training;

/// <summary>
/// A live loss/accuracy chart for notebooks: after each epoch it redraws <see cref="Charts.PlotLosses"/> and hands
/// the chart to <c>update</c>, which in a notebook replaces the displayed chart.
/// </summary>
/// <example>
/// <code>
/// var model = new LeNet5();
/// var trainer = new Trainer(model, torch.optim.Adam(model.parameters(), 1e-3), (output, target) => torch.nn.functional.cross_entropy(output, target));
/// var view = display(Charts.PlotLosses(TrainingHistory.From([])));
/// trainer.Fit(new BatchLoader(Mnist.Load(Split.Train, limit: 12000), 128, Shuffle: true), new BatchLoader(Mnist.Load(Split.Test, limit: 2000), 500),
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
