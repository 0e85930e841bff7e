using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Model;
using CourseKit.Visualization;

namespace CourseKit.Cli.Book;

/// <summary>
/// A notebook cell and its outputs as HTML for the website: Markdown through <see cref="BookMarkdown"/>, code as C# for
/// highlight.js, and every output kind Jupyter has (HTML, pictures, plotly figures, Markdown, plain text, streams,
/// errors). Text is escaped; HTML outputs are the kit's own and are kept, less the copy of plotly.js the first chart
/// of a session carries (the site loads its own, once, from assets/).
/// </summary>
internal static partial class CellHtml
{
    /// <summary>The cell as HTML, and how many charts it drew.</summary>
    public static (string Html, int Charts) Render(Cell cell, int index)
    {
        var html = new StringBuilder();
        var anchor = $"cell-{index + 1}";
        if (cell.CellType == "markdown")
        {
            html.Append($"<section class=\"cell markdown\" id=\"{anchor}\">\n").Append(BookMarkdown.ToHtml(cell.Source)).Append("</section>\n");
            return (html.ToString(), 0);
        }
        if (cell.CellType != "code")
        {
            html.Append($"<pre class=\"cell raw\" id=\"{anchor}\">").Append(Escape(cell.Source)).Append("</pre>\n");
            return (html.ToString(), 0);
        }
        int charts = 0;
        html.Append($"<section class=\"cell code\" id=\"{anchor}\">\n");
        var label = cell.ExecutionCount is int n ? $"[{n}]" : "[ ]";
        html.Append($"<div class=\"input\"><span class=\"prompt\">{label}</span><pre><code class=\"language-csharp\">")
            .Append(Escape(cell.Source)).Append("</code></pre></div>\n");
        if (cell.Outputs.Count > 0)
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var output in cell.Outputs)
            {
                var (part, drawn) = Output(output);
                html.Append(part);
                charts += drawn;
            }
            html.Append("</div>\n");
        }
        html.Append("</section>\n");
        return (html.ToString(), charts);
    }

    private static (string Html, int Charts) Output(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                var stream = (string?)output["name"] == "stderr" ? "stderr" : "stdout";
                return ($"<pre class=\"output stream {stream}\">{Escape(Ansi().Replace(Text(output["text"]), ""))}</pre>\n", 0);
            case "error":
                var trace = output["traceback"] is JsonArray lines ? string.Join("\n", lines.Select(l => (string?)l)) : "";
                var message = $"{(string?)output["ename"]}: {(string?)output["evalue"]}" + (trace.Length > 0 ? "\n" + trace : "");
                return ($"<pre class=\"output error\">{Escape(Ansi().Replace(message, ""))}</pre>\n", 0);
            case "display_data" or "execute_result" or "update_display_data":
                return output["data"] is JsonObject data ? Rich(data) : ("", 0);
            default:
                return ("", 0);
        }
    }

    private static (string Html, int Charts) Rich(JsonObject data)
    {
        if (data["text/html"] is JsonNode htmlNode)
        {
            var html = WithoutPlotlyLibrary(Text(htmlNode));
            return ($"<div class=\"output html\">{html}</div>\n", ChartDiv().Matches(html).Count);
        }
        if (data[PlotlyFigure.MimeType] is JsonNode figure)
        {
            var id = "coursekit-chart-" + Guid.NewGuid().ToString("N");
            var json = figure is JsonValue ? Text(figure) : figure.ToJsonString();
            return ($"<div class=\"output html\"><div id=\"{id}\" class=\"coursekit-chart\"></div><script>(function () {{ var f = {json}; " +
                    $"Plotly.newPlot(document.getElementById('{id}'), f.data, f.layout, {{ displaylogo: false }}); }})();</script></div>\n", 1);
        }
        foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
            if (data[image] is JsonNode picture)
                return ($"<div class=\"output picture\"><img alt=\"output\" src=\"data:{image};base64,{Text(picture).Replace("\n", "")}\"></div>\n", 0);
        if (data["image/svg+xml"] is JsonNode svg)
            return ($"<div class=\"output picture\">{Text(svg)}</div>\n", 0);
        if (data["text/markdown"] is JsonNode markdown)
            return ($"<div class=\"output markdown\">{BookMarkdown.ToHtml(Text(markdown))}</div>\n", 0);
        if (data["text/latex"] is JsonNode latex)
            return ($"<div class=\"math\">{Escape(Text(latex).Trim().Trim('$'))}</div>\n", 0);
        if (data["text/plain"] is JsonNode plain)
            return ($"<pre class=\"output text\">{Escape(Text(plain))}</pre>\n", 0);
        return ("", 0);
    }

    /// <summary>The HTML without the script element that carries plotly.js (marked <see cref="PlotlyJs.MarkerAttribute"/>).</summary>
    internal static string WithoutPlotlyLibrary(string html)
    {
        while (true)
        {
            int marker = html.IndexOf(PlotlyJs.MarkerAttribute, StringComparison.Ordinal);
            if (marker < 0) return html;
            int start = html.LastIndexOf("<script", marker, StringComparison.OrdinalIgnoreCase);
            int end = html.IndexOf("</script>", marker, StringComparison.OrdinalIgnoreCase);
            if (start < 0 || end < 0) return html;
            html = html[..start] + html[(end + "</script>".Length)..];
        }
    }

    /// <summary>Jupyter's multiline text: a string or an array of lines.</summary>
    internal static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => value.TryGetValue<string>(out var text) ? text : value.ToJsonString(),
        _ => "",
    };

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex("class=\"coursekit-chart\"")]
    internal static partial Regex ChartDiv();
}
