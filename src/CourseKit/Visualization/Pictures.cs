using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Imaging;
using static TorchSharp.torch;

namespace CourseKit.Visualization;

/// <summary>
/// Pictures for notebooks: images and image grids, and small matrices as tables of numbers. The convention of every
/// picture helper in the kit: a method named <c>Show…</c> shows its picture in the notebook and returns nothing; the
/// method named after the picture (<see cref="Images"/>, <see cref="Matrix"/>) returns it as a <see cref="RichOutput"/>
/// to compose, test or update.
/// </summary>
/// <example>
/// <code>
/// var digits = Mnist.Load(Split.Test, limit: 8);
/// Pictures.ShowImages(digits.Inputs, digits.Targets.data&lt;long&gt;().Select(d => d.ToString()).ToList());
/// var picture = Pictures.Images(digits.Inputs);   // the same grid as a value
/// </code>
/// </example>
public static class Pictures
{
    /// <summary>Shows <see cref="Images"/>(<paramref name="images"/>, …) in the notebook.</summary>
    public static void ShowImages(Tensor images, IReadOnlyList<string>? labels = null, int columns = 8, int scale = 2, bool normalize = false) =>
        Output.Display(Images(images, labels, columns, scale, normalize));

    /// <summary>
    /// Images as one picture (a PNG grid, <see cref="ImageGrid.Png"/>), or, with <paramref name="labels"/>, as a grid
    /// of images with the labels as HTML captions (written in the viewer's font, every character shown as itself, wrapped
    /// within its image's column; the PNG grid without labels is the fallback): <paramref name="images"/> is N×C×H×W,
    /// C×H×W (C = 1 or 3) or H×W, values in [0,1] (clamped). With <paramref name="normalize"/>, each image is first
    /// rescaled from its own [min, max] to [0,1] — use it for filter responses and other signed maps.
    /// </summary>
    public static RichOutput Images(Tensor images, IReadOnlyList<string>? labels = null, int columns = 8, int scale = 2, bool normalize = false)
    {
        using var scope = NewDisposeScope();
        var batch = ImageTensor.AsBatch(images).detach().cpu().to_type(ScalarType.Float32);
        if (normalize) batch = RescaleEach(batch);
        string shape = string.Join("×", batch.shape.Skip(1));
        string plain = batch.shape[0] == 1 ? $"image {shape}" : $"{batch.shape[0]} images {shape}";
        if (labels is null) return RichOutput.Png(ImageGrid.Png(batch, null, columns, scale), plain);
        if (labels.Count != batch.shape[0])
            throw new ArgumentException($"{batch.shape[0]} images but {labels.Count} labels; give one label per image", nameof(labels));
        plain += ": " + string.Join(", ", labels);
        return new RichOutput(new Dictionary<string, string>
        {
            ["text/html"] = CaptionedGrid(batch, labels, columns, scale),
            ["image/png"] = Convert.ToBase64String(ImageGrid.Png(batch, null, columns, scale)),
            ["text/plain"] = plain,
        });
    }

    /// <summary>
    /// Labelled images as HTML: each image a PNG, its label an HTML caption underneath, drawn by the viewer's own fonts
    /// (so arrows, brackets, quotes and Greek letters show as themselves) and wrapped within the image's width, never
    /// over its neighbour. At most <paramref name="columns"/> images a row.
    /// </summary>
    internal static string CaptionedGrid(Tensor batch, IReadOnlyList<string> labels, int columns, int scale)
    {
        int width = (int)batch.shape[3] * scale, height = (int)batch.shape[2] * scale;
        int tile = Math.Max(width, CaptionMinWidth);
        int perRow = Math.Clamp(columns, 1, labels.Count);
        var html = new StringBuilder(
            $"<div class=\"coursekit-images\" style=\"display:grid;grid-template-columns:repeat({perRow},{tile}px);gap:6px 8px;align-items:start\">");
        for (int n = 0; n < labels.Count; n++)
        {
            string png = Convert.ToBase64String(ImageGrid.Png(batch[n..(n + 1)], null, 1, scale));
            html.Append($"<figure style=\"margin:0;width:{tile}px;text-align:center\">")
                .Append($"<img src=\"data:image/png;base64,{png}\" width=\"{width + 2 * ImageGrid.Gap}\" height=\"{height + 2 * ImageGrid.Gap}\" ")
                .Append("style=\"image-rendering:pixelated;display:block;margin:0 auto\" alt=\"\"/>")
                .Append("<figcaption style=\"font:12px/1.25 sans-serif;overflow-wrap:anywhere;max-width:100%\">")
                .Append(WebUtility.HtmlEncode(labels[n])).Append("</figcaption></figure>");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>Captions under small images (28 pixels) get at least this many pixels to wrap in.</summary>
    internal const int CaptionMinWidth = 64;

    /// <summary>
    /// A small 1-D or 2-D tensor as an HTML table of its numbers (whole numbers without decimals, others rounded to
    /// 3 decimals), with an optional title — for the lectures' worked examples.
    /// </summary>
    public static RichOutput Matrix(Tensor matrix, string? title = null) =>
        RichOutput.Html(TableHtml(matrix, title), PlainTable(Cells(matrix), title));

    /// <summary>Shows <see cref="Matrix"/>(<paramref name="matrix"/>, <paramref name="title"/>) in the notebook.</summary>
    public static void ShowMatrix(Tensor matrix, string? title = null) => Output.Display(Matrix(matrix, title));

    /// <summary>Shows <see cref="Matrices"/>(<paramref name="matrices"/>) in the notebook.</summary>
    public static void ShowMatrices(params (string Title, Tensor Matrix)[] matrices) => Output.Display(Matrices(matrices));

    /// <summary>Several small matrices side by side, each with its title (e.g. a kernel table, or an input and its output).</summary>
    public static RichOutput Matrices(params (string Title, Tensor Matrix)[] matrices)
    {
        if (matrices.Length == 0) throw new ArgumentException("give at least one matrix", nameof(matrices));
        var html = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start\">");
        foreach (var (title, matrix) in matrices) html.Append("<div>").Append(TableHtml(matrix, title)).Append("</div>");
        html.Append("</div>");
        string plain = string.Join("\n\n", matrices.Select(m => PlainTable(Cells(m.Matrix), m.Title)));
        return RichOutput.Html(html.ToString(), plain);
    }

    private static string TableHtml(Tensor matrix, string? title)
    {
        string[][] cells = Cells(matrix);
        var html = new StringBuilder("<table style=\"border-collapse:collapse;font-family:monospace;margin:4px\">");
        if (title is not null) html.Append($"<caption style=\"caption-side:top;font-weight:bold\">{WebUtility.HtmlEncode(title)}</caption>");
        foreach (var row in cells)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append($"<td style=\"border:1px solid #bbb;padding:2px 8px;text-align:right\">{cell}</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>The numbers as text: whole numbers without decimals, others rounded to 3 decimals.</summary>
    internal static string[][] Cells(Tensor matrix)
    {
        if (matrix.dim() is not (1 or 2))
            throw new ArgumentException($"a matrix to show is 1-D or 2-D; got shape [{string.Join(",", matrix.shape)}]", nameof(matrix));
        using var values = (matrix.dim() == 1 ? matrix.unsqueeze(0) : matrix).detach().cpu().to_type(ScalarType.Float64);
        int rows = (int)values.shape[0], columns = (int)values.shape[1];
        double[] data = values.contiguous().data<double>().ToArray();
        return Enumerable.Range(0, rows)
            .Select(r => Enumerable.Range(0, columns).Select(c => Format(data[r * columns + c])).ToArray())
            .ToArray();
    }

    private static string Format(double value)
    {
        double rounded = Math.Round(value, 3);
        if (rounded == 0) rounded = 0;   // no "-0"
        return rounded.ToString(rounded == Math.Floor(rounded) ? "0" : "0.###", CultureInfo.InvariantCulture);
    }

    private static string PlainTable(string[][] cells, string? title)
    {
        int width = cells.SelectMany(r => r).Max(c => c.Length);
        var text = new StringBuilder();
        if (title is not null) text.AppendLine(title);
        foreach (var row in cells) text.AppendLine(string.Join(" ", row.Select(c => c.PadLeft(width))));
        return text.ToString().TrimEnd();
    }

    /// <summary>Each image of an N×C×H×W batch rescaled from its own [min, max] to [0,1] (a constant image becomes 0.5).</summary>
    private static Tensor RescaleEach(Tensor batch)
    {
        var flat = batch.flatten(1);
        var low = flat.min(1, keepdim: true).values;
        var range = flat.max(1, keepdim: true).values - low;
        var scaled = where(range > 0, (flat - low) / range.clamp_min(1e-12), full_like(flat, 0.5f));
        return scaled.view(batch.shape);
    }
}
