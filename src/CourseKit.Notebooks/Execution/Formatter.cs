using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Notebooks.Execution;

/// <summary>
/// Turns a displayed value into a Jupyter mime bundle (mime type → content), the way the Polyglot C# kernel
/// shows it: the kit's <see cref="RichOutput"/> as its own bundle, strings as text, tensors as text (and a small
/// HTML table when they are small and at most 2-D), Plotly.NET charts as the kit's own offline charts, sequences of records as HTML tables, everything else by <c>ToString()</c>.
/// </summary>
public static class Formatter
{
    /// <summary>What a null value shows (as in .NET Interactive).</summary>
    public const string NullText = "<null>";

    /// <summary>Tensors with at most this many elements (and at most 2 dimensions) also get an HTML table.</summary>
    public const int TensorTableLimit = 400;

    /// <summary>Sequences show at most this many items (as in .NET Interactive).</summary>
    public const int ListLimit = 20;

    /// <summary>The mime bundle for <paramref name="value"/>; always has <c>text/plain</c>.</summary>
    /// <param name="value">Anything a cell displays or returns.</param>
    /// <param name="mimeTypes">When given (as in <c>display(x, "text/html")</c>), only these types are kept, if present.</param>
    public static IReadOnlyDictionary<string, string> ToMimeBundle(object? value, params string[] mimeTypes)
    {
        var bundle = value switch
        {
            null => Plain(NullText),
            RichOutput rich => new Dictionary<string, string>(rich.Data),
            string text when mimeTypes.Length > 0 => new Dictionary<string, string> { [mimeTypes[0]] = text },
            string text => Plain(text),
            Tensor tensor => FormatTensor(tensor),
            Plotly.NET.GenericChart chart => FormatChart(chart),
            IEnumerable sequence when !IsScalarLike(value) => FormatSequence(sequence),
            _ => Plain(value.ToString() ?? ""),
        };
        if (mimeTypes.Length == 0 || value is string) return bundle;
        var kept = bundle.Where(pair => mimeTypes.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
        return kept.Count > 0 ? kept : bundle;
    }

    private static Dictionary<string, string> Plain(string text) => new() { ["text/plain"] = text };

    private static bool IsScalarLike(object value) => value is IDictionary or Tensor;

    /// <summary>Tensors print NumPy-style; small ones (≤ 2-D) also get an HTML table of their values.</summary>
    private static Dictionary<string, string> FormatTensor(Tensor tensor)
    {
        var bundle = Plain(tensor.ToString(TorchSharp.TensorStringStyle.Numpy));
        if (tensor.dim() is >= 1 and <= 2 && tensor.numel() <= TensorTableLimit)
            bundle["text/html"] = TensorTable(tensor);
        return bundle;
    }

    private static string TensorTable(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var matrix = tensor.dim() == 1 ? tensor.unsqueeze(0) : tensor;
        var rows = (int)matrix.shape[0];
        var columns = (int)matrix.shape[1];
        var isFloat = tensor.is_floating_point();
        var values = matrix.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();

        var html = new StringBuilder();
        html.Append("<table style=\"font-family:monospace;border-collapse:collapse\">");
        html.Append($"<caption>{WebUtility.HtmlEncode(Describe(tensor))}</caption>");
        for (var r = 0; r < rows; r++)
        {
            html.Append("<tr>");
            for (var c = 0; c < columns; c++)
            {
                var v = values[r * columns + c];
                var text = isFloat ? v.ToString("G5", CultureInfo.InvariantCulture) : ((long)v).ToString(CultureInfo.InvariantCulture);
                html.Append("<td style=\"border:1px solid #ccc;padding:2px 6px;text-align:right\">").Append(text).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string Describe(Tensor tensor) =>
        $"{tensor.dtype} [{string.Join(", ", tensor.shape)}]";

    /// <summary>
    /// A Plotly.NET chart as the kit shows its own charts (<see cref="PlotlyFigure"/>): its figure JSON
    /// (<c>GenericChart.toFigureJson</c>) drawn with the kit's plotly.js, not Plotly.NET's HTML, which loads plotly.js from a CDN.
    /// </summary>
    private static Dictionary<string, string> FormatChart(Plotly.NET.GenericChart chart)
    {
        var figure = System.Text.Json.Nodes.JsonNode.Parse(Plotly.NET.GenericChart.toFigureJson(chart))!.AsObject();
        var traces = figure["data"]?.DeepClone().AsArray() ?? [];
        var layout = figure["layout"]?.DeepClone().AsObject() ?? [];
        return new Dictionary<string, string>(PlotlyFigure.ToRichOutput(traces, layout, "Plotly.NET chart").Data);
    }

    /// <summary>Sequences: a bracketed list as text; items with public properties (records) also as an HTML table.</summary>
    private static Dictionary<string, string> FormatSequence(IEnumerable sequence)
    {
        var items = sequence.Cast<object?>().Take(ListLimit + 1).ToList();
        var more = items.Count > ListLimit;
        if (more) items.RemoveAt(ListLimit);
        var text = "[ " + string.Join(", ", items.Select(i => i?.ToString() ?? NullText)) + (more ? ", … ]" : " ]");
        var bundle = Plain(text);

        var itemType = items.FirstOrDefault(i => i is not null)?.GetType();
        if (itemType is null || itemType.IsPrimitive || itemType == typeof(string) || itemType == typeof(decimal)) return bundle;
        var properties = itemType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").ToArray();
        if (properties.Length == 0) return bundle;

        var html = new StringBuilder("<table><thead><tr>");
        foreach (var property in properties) html.Append("<th>").Append(WebUtility.HtmlEncode(property.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var item in items)
        {
            html.Append("<tr>");
            foreach (var property in properties)
            {
                var cell = item is null || !property.DeclaringType!.IsInstanceOfType(item) ? "" : Cell(property.GetValue(item));
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (more) html.Append($"<p>(first {ListLimit} shown)</p>");
        bundle["text/html"] = html.ToString();
        return bundle;
    }

    private static string Cell(object? value) => value switch
    {
        null => NullText,
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
