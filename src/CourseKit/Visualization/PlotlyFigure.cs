using System.Collections;
using System.Net;
using System.Text.Json.Nodes;

namespace CourseKit.Visualization;

/// <summary>
/// A plotly.js figure (traces and layout, with plotly.js' own property names) turned into a mime bundle that draws
/// offline everywhere: <c>application/vnd.plotly.v1+json</c> (rendered natively by VS Code and JupyterLab's plotly
/// renderer), <c>text/html</c> that draws it with the kit's own plotly.js (Jupyter Notebook, JupyterLab without the
/// renderer, Polyglot Notebooks, nbconvert's HTML) and <c>text/plain</c>.
/// </summary>
public static class PlotlyFigure
{
    /// <summary>The mime type of a plotly figure in Jupyter outputs.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    /// <summary>The bundle for a figure; <paramref name="traces"/> and <paramref name="layout"/> are plotly.js JSON.</summary>
    public static RichOutput ToRichOutput(JsonArray traces, JsonObject layout, string plainText) =>
        ToRichOutput(traces, layout, plainText, PlotlyJs.SessionPage);

    /// <summary>The bundle for a figure shown on <paramref name="page"/>.</summary>
    internal static RichOutput ToRichOutput(JsonArray traces, JsonObject layout, string plainText, PlotlyPage page)
    {
        var figure = new JsonObject { ["data"] = traces, ["layout"] = layout };
        var json = figure.ToJsonString();
        return new RichOutput(new Dictionary<string, string>
        {
            [MimeType] = json,
            ["text/html"] = page.ScriptElementOnce() + Html(json, layout),
            ["text/plain"] = plainText,
        });
    }

    /// <summary>A plotly.js value from plain .NET values: strings, numbers, arrays, dictionaries. Non-finite numbers become null (a gap).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        string s => JsonValue.Create(s),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : null,
        float f => float.IsFinite(f) ? JsonValue.Create(f) : null,
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        IDictionary<string, object> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToJson)]),
        _ => throw new ArgumentException($"A chart property cannot hold a {value.GetType().Name}; use strings, numbers, arrays or dictionaries.", nameof(value)),
    };

    // The chart's div, then a script that draws the figure into it with window.Plotly (the kit's plotly.js, written
    // into the session's first chart). Without it on the page the div says what to do instead of staying empty.
    private static string Html(string json, JsonObject layout)
    {
        var id = "coursekit-chart-" + Guid.NewGuid().ToString("N");
        var width = (int?)layout["width"] ?? 640;
        var height = (int?)layout["height"] ?? 400;
        var missing = WebUtility.HtmlEncode(
            $"plotly.js {PlotlyJs.Version} is not on this page: the kit writes it into the first chart of a session. Run the notebook from the top in a fresh kernel.");
        return $"<div id=\"{id}\" class=\"coursekit-chart\" style=\"width:{width}px;height:{height}px\"></div>\n" +
               "<script type=\"text/javascript\">(function () {\n" +
               $"  var figure = {json};\n" +
               $"  var element = document.getElementById(\"{id}\");\n" +
               "  if (!element) return;\n" +
               "  if (window.Plotly) window.Plotly.newPlot(element, figure.data, figure.layout, { displaylogo: false });\n" +
               $"  else element.textContent = \"{missing}\";\n" +
               "})();</script>";
    }
}
