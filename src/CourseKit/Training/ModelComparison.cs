using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>
/// Trains several models the same way (same data, seed, optimizer, epochs) and puts them side by side: parameters,
/// test accuracy, training time — the history of CNNs in one table.
/// </summary>
public static class ModelComparison
{
    /// <summary>Trains each model with Adam (<paramref name="learningRate"/>), batch 128, for <paramref name="epochs"/> epochs, seed 0.</summary>
    /// <param name="models">Name and a factory for each model (created after the seed is set, so each run is reproducible).</param>
    /// <param name="train">Training images.</param>
    /// <param name="test">Test images.</param>
    /// <param name="epochs">Epochs per model.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    /// <param name="progress">Told each model's name as it starts, and its result when done (e.g. Console.WriteLine).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static IReadOnlyList<ComparisonRow> Run(IEnumerable<(string Name, Func<StagedModel> Create)> models, InMemoryDataset train, InMemoryDataset test,
        int epochs = 1, double learningRate = 1e-3, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var rows = new List<ComparisonRow>();
        foreach (var (name, create) in models)
        {
            progress?.Invoke($"training {name} …");
            Seeds.Set(0);
            using var model = create();
            var trainer = new Trainer(model, optim.Adam(model.parameters(), learningRate), (o, t) => nn.functional.cross_entropy(o, t));
            var clock = Stopwatch.StartNew();
            var history = trainer.Fit(new BatchLoader(train, 128, Shuffle: true), null, epochs, cancellationToken: cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            double accuracy = trainer.Evaluate(new BatchLoader(test, 500)).Accuracy;
            var row = new ComparisonRow(name, model.ParameterCount, accuracy, seconds, history);
            rows.Add(row);
            progress?.Invoke(FormattableString.Invariant($"{name}: {row.Parameters:N0} parameters, {EpochMetrics.Percent(accuracy)}, {seconds:F1} s"));
        }
        return rows;
    }

    /// <summary>The rows as an HTML table (text fallback).</summary>
    public static RichOutput Table(IReadOnlyList<ComparisonRow> rows)
    {
        var html = new StringBuilder("<table><thead><tr><th>model</th><th>parameters</th><th>test accuracy</th><th>training time</th></tr></thead><tbody>");
        var text = new StringBuilder($"{"model",-16} {"parameters",12} {"accuracy",9} {"time",8}");
        foreach (var r in rows)
        {
            string parameters = r.Parameters.ToString("N0", CultureInfo.InvariantCulture);
            string seconds = r.TrainingSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
            html.Append($"<tr><td>{WebUtility.HtmlEncode(r.Name)}</td><td style=\"text-align:right\">{parameters}</td>" +
                        $"<td style=\"text-align:right\">{EpochMetrics.Percent(r.TestAccuracy)}</td><td style=\"text-align:right\">{seconds}</td></tr>");
            text.Append($"\n{r.Name,-16} {parameters,12} {EpochMetrics.Percent(r.TestAccuracy),9} {seconds,8}");
        }
        html.Append("</tbody></table>");
        return RichOutput.Html(html.ToString(), text.ToString());
    }
}
