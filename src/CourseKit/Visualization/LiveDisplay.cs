using System.Net;

namespace CourseKit.Visualization;

/// <summary>
/// A display that changes while a cell runs: training progress, metrics, a picture that improves. The first
/// <see cref="Update"/> shows the value, later ones replace it in place (in the kit's engine and in Polyglot).
/// </summary>
/// <example><code>
/// var live = new LiveDisplay();
/// double loss = 1.0;
/// for (int epoch = 1; epoch &lt;= 5; epoch++)
/// {
///     loss *= 0.5;   // one epoch of training would go here
///     live.Update(LiveDisplay.ProgressBar(epoch, 5, $"loss {loss:F3}"));
/// }
/// </code></example>
public sealed class LiveDisplay
{
    private IDisplayHandle? handle;

    /// <summary>Shows <paramref name="value"/> the first time, then replaces it.</summary>
    public void Update(object value)
    {
        if (handle is null) handle = Output.Display(value);
        else handle.Update(value);
    }

    /// <summary>An <see cref="IProgress{T}"/> that renders each report with <paramref name="render"/> into one live display.</summary>
    public static IProgress<T> Progress<T>(Func<T, object> render)
    {
        var live = new LiveDisplay();
        return new CourseKit.Training.ProgressCallback<T>(value => live.Update(render(value)));
    }

    /// <summary>A progress bar as HTML (with a text fallback): <c>label [#####-----] done/total</c>.</summary>
    /// <param name="done">Steps finished.</param>
    /// <param name="total">All steps (at least 1).</param>
    /// <param name="label">What is progressing, and any metrics to show beside it.</param>
    public static RichOutput ProgressBar(int done, int total, string label = "")
    {
        total = Math.Max(total, 1);
        done = Math.Clamp(done, 0, total);
        var percent = 100.0 * done / total;
        const int width = 30;
        var filled = (int)Math.Round(width * (double)done / total);
        var text = $"{label} [{new string('#', filled)}{new string('-', width - filled)}] {done}/{total}".TrimStart();
        var html = $"<div style=\"font-family:monospace\"><progress value=\"{done}\" max=\"{total}\" style=\"width:300px\"></progress> " +
                   $"{done}/{total} ({percent:F0}%) {WebUtility.HtmlEncode(label)}</div>";
        return RichOutput.Html(html, text);
    }
}
