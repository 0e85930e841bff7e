using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Training;

namespace CourseKit.Visualization;

/// <summary>
/// Charts for the notebooks (loss curves, scatter plots, heatmaps, bar charts), described as plotly.js figures and
/// returned as a <see cref="RichOutput"/> (<see cref="PlotlyFigure"/>): the plotly mime type, HTML drawn by the
/// plotly.js the kit ships (no CDN, no network) and <c>text/plain</c>, a short summary for terminals and text diffs.
/// No Plotly.NET type is involved, so the charts also draw in the real .NET Interactive kernel, where Plotly.NET 6
/// cannot load. Nothing opens a browser: notebooks <c>display(...)</c> the result.
/// </summary>
public static class Charts
{
    private const int Width = 640;
    private const int Height = 400;

    /// <summary>Line plot of one or more series sharing the axes (e.g. training and validation loss per epoch).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Label of the x-axis.</param>
    /// <param name="yLabel">Label of the y-axis.</param>
    /// <param name="series">Each series: legend name, x values and y values of equal length.</param>
    public static RichOutput Lines(string title, string xLabel, string yLabel, params (string Name, double[] X, double[] Y)[] series)
    {
        CheckSeries(series);
        var traces = series.Select(s => LineTrace(s.Name, s.X, s.Y));
        var layout = Layout(title, Width, Height, ("xaxis", Axis(xLabel)), ("yaxis", Axis(yLabel)));
        return Render(traces, layout, $"Line chart \"{title}\" ({xLabel} vs {yLabel}): " + DescribeSeries(series));
    }

    /// <summary>Scatter plot of one or more point sets (e.g. a 2-D latent space coloured by class).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="series">Each point set: legend name, x and y coordinates of equal length.</param>
    public static RichOutput Scatter(string title, params (string Name, double[] X, double[] Y)[] series)
    {
        CheckSeries(series);
        var traces = series.Select(s => Trace("scatter", ("name", s.Name), ("x", s.X), ("y", s.Y), ("mode", "markers")));
        return Render(traces, Layout(title, Width, Height), $"Scatter plot \"{title}\": " + DescribeSeries(series));
    }

    /// <summary>
    /// Heatmap of a matrix, row 0 at the top (as the matrix is printed). The plain-text fallback prints the
    /// numbers when the matrix is small (at most 16×16).
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="values">The matrix; values[row, column].</param>
    /// <param name="rowLabels">Names of the rows (y-axis), or null for 0, 1, 2, …</param>
    /// <param name="columnLabels">Names of the columns (x-axis), or null for 0, 1, 2, …</param>
    public static RichOutput Heatmap(string title, double[,] values, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null)
    {
        var (rows, columns) = CheckMatrix(values, rowLabels, columnLabels);
        var heatmap = Trace("heatmap", ("z", RowsOf(values)), ("x", columns), ("y", rows), ("colorscale", "Viridis"));
        var layout = Layout(title, Width, Height, ("xaxis", Axis(null, categorical: true)), ("yaxis", Axis(null, reversed: true, categorical: true)));
        return Render([heatmap], layout, $"Heatmap \"{title}\" ({values.GetLength(0)}×{values.GetLength(1)})" + SmallTable(values, rows, columns));
    }

    /// <summary>Bar chart: one bar per label.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="labels">The bars' names.</param>
    /// <param name="values">The bars' heights, one per label.</param>
    public static RichOutput Bars(string title, IReadOnlyList<string> labels, double[] values)
    {
        if (labels.Count != values.Length)
            throw new ArgumentException($"Bars needs one value per label, but got {labels.Count} labels and {values.Length} values.", nameof(values));
        var bars = Trace("bar", ("x", labels), ("y", values));
        string plain = $"Bar chart \"{title}\": " + string.Join(", ", labels.Zip(values, (l, v) => $"{l} {Format(v)}"));
        return Render([bars], Layout(title, Width, Height, ("xaxis", Axis(null, categorical: true))), plain);
    }

    /// <summary>
    /// The curves of a training run, per epoch: every loss the steps reported (a classifier's loss, a GAN's two players'
    /// losses) on the left, training and (if there is one) validation, and the accuracy beside it for a classifier.
    /// </summary>
    /// <param name="history">What <c>Trainer.Fit</c> returned (or what an epoch-by-epoch progress report collected so far).</param>
    public static RichOutput PlotLosses(TrainingHistory history)
    {
        var epochs = history.Epochs;
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        string[] losses = MetricNames(epochs, e => e.Train).Where(name => name.Contains(Metric.Loss)).ToArray();
        string[] validationLosses = MetricNames(epochs, e => e.Validation).Where(name => name.Contains(Metric.Loss)).ToArray();
        bool hasAccuracy = epochs.Count > 0 && epochs.All(e => !double.IsNaN(e.TrainAccuracy));

        // Losses on the left (axes x, y), accuracy on the right (axes x2, y2).
        var traces = new List<JsonObject>();
        foreach (string name in losses) traces.Add(LineTrace($"train {name}", x, history.Series(name)));
        foreach (string name in validationLosses) traces.Add(LineTrace($"validation {name}", x, history.ValidationSeries(name)));
        if (hasAccuracy)
        {
            traces.Add(OnSecondAxes(LineTrace("train accuracy", x, history.Series(Metric.Accuracy))));
            if (epochs.All(e => e.ValidationAccuracy is not null))
                traces.Add(OnSecondAxes(LineTrace("validation accuracy", x, history.ValidationSeries(Metric.Accuracy))));
        }
        var layout = hasAccuracy
            ? Layout("Training curves", 2 * Width - 100, Height,
                ("grid", new Dictionary<string, object> { ["rows"] = 1, ["columns"] = 2, ["pattern"] = "independent" }),
                ("xaxis", Axis("epoch")), ("yaxis", Axis("loss")), ("xaxis2", Axis("epoch")), ("yaxis2", Axis("accuracy")))
            : Layout("Training loss", Width, Height, ("xaxis", Axis("epoch")), ("yaxis", Axis("loss")));
        return Render(traces, layout, "Training curves: " + (history.Last?.ToString() ?? "no epoch finished yet"));
    }

    /// <summary>The metric names every epoch reported, in the order the first epoch lists them.</summary>
    private static IEnumerable<string> MetricNames(IReadOnlyList<EpochMetrics> epochs, Func<EpochMetrics, IReadOnlyDictionary<string, double>> part) =>
        epochs.Count == 0 ? [] : part(epochs[0]).Keys.Where(name => epochs.All(e => part(e).ContainsKey(name)));

    /// <summary>
    /// Confusion-matrix heatmap: row = true class, column = predicted class, each cell annotated with its count.
    /// </summary>
    /// <param name="matrix">matrix[true, predicted] = number of examples.</param>
    /// <param name="classNames">Names of the classes, one per row and column.</param>
    public static RichOutput PlotConfusionMatrix(long[,] matrix, IReadOnlyList<string> classNames)
    {
        int n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n || classNames.Count != n)
            throw new ArgumentException(
                $"A confusion matrix is square with one row and column per class; got {matrix.GetLength(0)}×{matrix.GetLength(1)} and {classNames.Count} class names.");
        var values = new double[n, n];
        long total = 0, correct = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                values[i, j] = matrix[i, j];
                total += matrix[i, j];
                if (i == j) correct += matrix[i, j];
            }
        string[][] counts = Enumerable.Range(0, n)
            .Select(i => Enumerable.Range(0, n).Select(j => matrix[i, j].ToString(CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var heatmap = Trace("heatmap", ("z", RowsOf(values)), ("x", classNames), ("y", classNames), ("colorscale", "Blues"),
            ("reversescale", true), ("text", counts), ("texttemplate", "%{text}"));
        var layout = Layout("Confusion matrix", Width, Width - 80,
            ("xaxis", Axis("predicted class", categorical: true)), ("yaxis", Axis("true class", reversed: true, categorical: true)));
        string accuracy = total == 0 ? "no examples" : $"accuracy {EpochMetrics.Percent((double)correct / total)} ({correct}/{total})";
        return Render([heatmap], layout, $"Confusion matrix (rows: true class, columns: predicted), {accuracy}" +
                                         SmallTable(values, classNames, classNames));
    }

    // The charts are built as plotly.js itself describes them (trace and layout objects with plotly.js property
    // names, see https://plotly.com/javascript/reference/) and turned into a mime bundle by PlotlyFigure.

    private static RichOutput Render(IEnumerable<JsonObject> traces, JsonObject layout, string plainText) =>
        PlotlyFigure.ToRichOutput(new JsonArray([.. traces]), layout, plainText);

    private static JsonObject Trace(string type, params (string Name, object Value)[] properties)
    {
        var trace = new JsonObject { ["type"] = type };
        foreach (var (name, value) in properties) trace[name] = PlotlyFigure.ToJson(value);
        return trace;
    }

    private static JsonObject LineTrace(string name, double[] x, double[] y) =>
        Trace("scatter", ("name", name), ("x", x), ("y", y), ("mode", x.Length <= 50 ? "lines+markers" : "lines"));

    private static JsonObject OnSecondAxes(JsonObject trace)
    {
        trace["xaxis"] = "x2";
        trace["yaxis"] = "y2";
        return trace;
    }

    private static JsonObject Layout(string title, int width, int height, params (string Name, object Value)[] properties)
    {
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = Wrapped(title, width) },
            ["width"] = width,
            ["height"] = height,
        };
        foreach (var (name, value) in properties) layout[name] = PlotlyFigure.ToJson(value);
        return layout;
    }

    /// <summary>
    /// A title broken into lines (plotly's &lt;br&gt;) at spaces, so that it fits the chart's width: plotly does not wrap
    /// titles, and a long one is cut at both edges. About 9 pixels a character at plotly's 17 px title font.
    /// </summary>
    internal static string Wrapped(string title, int width)
    {
        int perLine = Math.Max(20, (width - 40) / 9);
        var lines = new List<string>();
        var line = "";
        foreach (var word in title.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        lines.Add(line);
        return string.Join("<br>", lines);
    }

    private static Dictionary<string, object> Axis(string? title, bool reversed = false, bool categorical = false)
    {
        var axis = new Dictionary<string, object>();
        if (title is not null) axis["title"] = new Dictionary<string, object> { ["text"] = title };
        if (reversed) axis["autorange"] = "reversed";
        // A category axis keeps labels such as "0", "1", … as names, in the given order, instead of reading them as numbers.
        if (categorical) axis["type"] = "category";
        return axis;
    }

    private static double[][] RowsOf(double[,] values) =>
        Enumerable.Range(0, values.GetLength(0))
            .Select(i => Enumerable.Range(0, values.GetLength(1)).Select(j => values[i, j]).ToArray())
            .ToArray();

    private static void CheckSeries((string Name, double[] X, double[] Y)[] series)
    {
        if (series.Length == 0) throw new ArgumentException("Give at least one series (name, x values, y values).", nameof(series));
        foreach (var s in series)
            if (s.X.Length != s.Y.Length)
                throw new ArgumentException($"Series \"{s.Name}\" has {s.X.Length} x values but {s.Y.Length} y values; they must match.", nameof(series));
    }

    private static (IReadOnlyList<string> Rows, IReadOnlyList<string> Columns) CheckMatrix(
        double[,] values, IReadOnlyList<string>? rowLabels, IReadOnlyList<string>? columnLabels)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rowLabels is not null && rowLabels.Count != rows)
            throw new ArgumentException($"The matrix has {rows} rows but {rowLabels.Count} row labels were given.", nameof(rowLabels));
        if (columnLabels is not null && columnLabels.Count != columns)
            throw new ArgumentException($"The matrix has {columns} columns but {columnLabels.Count} column labels were given.", nameof(columnLabels));
        return (rowLabels ?? Enumerable.Range(0, rows).Select(i => $"{i}").ToArray(),
                columnLabels ?? Enumerable.Range(0, columns).Select(j => $"{j}").ToArray());
    }

    private static string DescribeSeries((string Name, double[] X, double[] Y)[] series) =>
        string.Join("; ", series.Select(s => s.Y.Length == 0
            ? $"{s.Name} (no points)"
            : $"{s.Name} ({s.Y.Length} points, last {Format(s.Y[^1])}, min {Format(s.Y.Min())}, max {Format(s.Y.Max())})"));

    private static string SmallTable(double[,] values, IReadOnlyList<string> rows, IReadOnlyList<string> columns)
    {
        if (values.GetLength(0) > 16 || values.GetLength(1) > 16) return "";
        var text = new StringBuilder("\n");
        int labelWidth = rows.Max(r => r.Trim().Length);
        text.Append(new string(' ', labelWidth));
        foreach (var c in columns) text.Append(' ').Append(c.Trim().PadLeft(8));
        for (int i = 0; i < values.GetLength(0); i++)
        {
            text.Append('\n').Append(rows[i].Trim().PadLeft(labelWidth));
            for (int j = 0; j < values.GetLength(1); j++) text.Append(' ').Append(Format(values[i, j]).PadLeft(8));
        }
        return text.ToString();
    }

    private static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
