using CourseKit.Notebooks.Execution;
using CourseKit.Visualization;
using Plotly.NET;
using TorchSharp;

namespace CourseKit.Tests.Notebooks;

public class FormatterTests
{
    private sealed record Row(string Name, double Loss);

    [Fact]
    public void RichOutput_is_shown_as_its_own_bundle()
    {
        var png = RichOutput.Png([1, 2, 3], "picture");
        var bundle = Formatter.ToMimeBundle(png);
        Assert.Equal("AQID", bundle["image/png"]);
        Assert.Equal("picture", bundle["text/plain"]);
    }

    [Fact]
    public void Strings_null_and_other_values()
    {
        Assert.Equal("hi", Formatter.ToMimeBundle("hi")["text/plain"]);
        Assert.Equal("<null>", Formatter.ToMimeBundle(null)["text/plain"]);
        Assert.Equal("3.5", Formatter.ToMimeBundle(3.5)["text/plain"]);
        Assert.Equal("<b>x</b>", Formatter.ToMimeBundle("<b>x</b>", "text/html")["text/html"]);
        Assert.Equal("[ 1, 2, 3 ]", Formatter.ToMimeBundle(new[] { 1, 2, 3 })["text/plain"]);
        Assert.False(Formatter.ToMimeBundle(new[] { 1, 2, 3 }).ContainsKey("text/html"));
        Assert.EndsWith(", … ]", Formatter.ToMimeBundle(Enumerable.Range(0, 50).ToList())["text/plain"]);
    }

    [Fact]
    public void Records_become_an_html_table()
    {
        var html = Formatter.ToMimeBundle(new List<Row> { new("a", 0.5), new("b<c", 0.25) })["text/html"];
        Assert.Equal("<table><thead><tr><th>Name</th><th>Loss</th></tr></thead><tbody><tr><td>a</td><td>0.5</td></tr><tr><td>b&lt;c</td><td>0.25</td></tr></tbody></table>", html);
    }

    [Fact]
    public void Tensors_print_numpy_style_and_small_ones_get_a_table()
    {
        using var t = torch.tensor(new float[] { 1.5f, -2f, 3f, 4f }).reshape(2, 2);
        var bundle = Formatter.ToMimeBundle(t);
        Assert.Equal(t.ToString(TensorStringStyle.Numpy), bundle["text/plain"]);
        Assert.Contains(">1.5</td>", bundle["text/html"]);
        Assert.Contains(">-2</td>", bundle["text/html"]);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(bundle["text/html"], "<td").Count);

        using var big = torch.zeros(30, 30);
        Assert.False(Formatter.ToMimeBundle(big).ContainsKey("text/html"));
        using var image = torch.zeros(1, 2, 2);
        Assert.False(Formatter.ToMimeBundle(image).ContainsKey("text/html")); // images go through Pictures, not guessed from shape
    }

    [Fact]
    public void Plotly_NET_charts_show_as_offline_plotly_figures_with_no_cdn()
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("y", new[] { 3.0, 1.0, 2.0 });
        var chart = GenericChart.ofTraceObject(true, trace);
        var bundle = Formatter.ToMimeBundle(chart);
        var figure = System.Text.Json.Nodes.JsonNode.Parse(bundle[CourseKit.Visualization.PlotlyFigure.MimeType])!;
        Assert.Equal("scatter", (string?)figure["data"]![0]!["type"]);
        Assert.Equal([3.0, 1.0, 2.0], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        // The session's first chart carries the shipped plotly.js; apart from it the HTML names no address at all.
        var html = bundle["text/html"].Replace(CourseKit.Visualization.PlotlyJs.ScriptElement(), "");
        Assert.Contains("window.Plotly.newPlot", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("http://", html);
    }
}
