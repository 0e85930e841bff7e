using System.Text.Json.Nodes;
using CourseKit.Training;
using CourseKit.Visualization;

namespace CourseKit.Tests.Visualization;

/// <summary>The charts as plotly figures, and their HTML, which draws with the kit's own plotly.js and no network.</summary>
public class ChartsTests
{
    private static string Figure(RichOutput chart) => JsonNode.Parse(chart.Data[PlotlyFigure.MimeType])!.ToJsonString();

    [Fact]
    public void Lines_returns_a_plotly_figure_offline_html_and_a_plain_summary()
    {
        var chart = Charts.Lines("Loss", "epoch", "loss",
            ("train", [1, 2, 3], [0.9, 0.5, 0.25]), ("validation", [1, 2, 3], [1.0, 0.7, 0.6]));
        string figure = Figure(chart);
        Assert.Contains("\"name\":\"train\"", figure);
        Assert.Contains("[0.9,0.5,0.25]", figure);
        Assert.Contains("\"text\":\"epoch\"", figure);
        string html = chart.Data["text/html"].Replace(PlotlyJs.ScriptElement(), ""); // the session's first chart carries plotly.js
        Assert.Contains("window.Plotly.newPlot(element, figure.data, figure.layout", html);
        Assert.Contains("[0.9,0.5,0.25]", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Equal("Line chart \"Loss\" (epoch vs loss): train (3 points, last 0.25, min 0.25, max 0.9); " +
                     "validation (3 points, last 0.6, min 0.6, max 1)", chart.Data["text/plain"]);
    }

    [Fact]
    public void A_title_wider_than_its_chart_is_broken_into_lines_at_spaces()
    {
        // Notebook 07's title: at 640 px plotly cut it at both edges ("_data (two Gaussians) … (one Gaussiar").
        const string Long = "p_data (two Gaussians) and the maximum-likelihood p_model (one Gaussian)";
        var chart = Charts.Lines(Long, "x", "density", ("p_data", [0, 1], [0.1, 0.2]));
        string shown = (string)JsonNode.Parse(chart.Data[PlotlyFigure.MimeType])!["layout"]!["title"]!["text"]!;
        var lines = shown.Split("<br>");
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.InRange(line.Length, 1, (640 - 40) / 9));
        Assert.Equal(Long, string.Join(" ", lines));
        Assert.Contains(Long, chart.ToString());   // the plain summary keeps the title whole

        var shortTitle = Charts.Lines("Loss", "epoch", "loss", ("train", [1, 2], [0.5, 0.2]));
        Assert.Equal("Loss", (string)JsonNode.Parse(shortTitle.Data[PlotlyFigure.MimeType])!["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void Scatter_and_bars_check_their_input()
    {
        var scatter = Charts.Scatter("Latent space", ("digit 0", [0.5, -1], [2, 3]));
        Assert.Contains("\"mode\":\"markers\"", Figure(scatter));
        var e = Assert.Throws<ArgumentException>(() => Charts.Scatter("bad", ("s", [1, 2], [1])));
        Assert.Contains("2 x values but 1 y values", e.Message);
        var bars = Charts.Bars("Parameters", ["LeNet-5", "VGG"], [61706, 130000]);
        Assert.Contains("\"type\":\"bar\"", Figure(bars));
        Assert.Equal("Bar chart \"Parameters\": LeNet-5 6.171E+04, VGG 1.3E+05", bars.ToString());
        Assert.Throws<ArgumentException>(() => Charts.Bars("bad", ["a"], [1, 2]));
    }

    [Fact]
    public void Heatmap_puts_row_zero_on_top_and_prints_small_matrices()
    {
        var map = Charts.Heatmap("Kernel", new double[,] { { -1, 0, 1 }, { -2, 0, 2 } }, columnLabels: ["a", "b", "c"]);
        string figure = Figure(map);
        Assert.Contains("\"z\":[[-1,0,1],[-2,0,2]]", figure);
        Assert.Contains("\"autorange\":\"reversed\"", figure);
        Assert.Equal("Heatmap \"Kernel\" (2×3)\n         a        b        c\n0       -1        0        1\n1       -2        0        2",
            map.ToString());
        Assert.Throws<ArgumentException>(() => Charts.Heatmap("bad", new double[2, 2], rowLabels: ["one"]));
    }

    [Fact]
    public void Confusion_matrix_reports_accuracy_and_annotates_counts()
    {
        var chart = Charts.PlotConfusionMatrix(new long[,] { { 5, 1 }, { 2, 12 } }, ["cat", "dog"]);
        Assert.StartsWith("Confusion matrix (rows: true class, columns: predicted), accuracy 85.00% (17/20)", chart.ToString());
        Assert.Contains("\"text\":[[\"5\",\"1\"],[\"2\",\"12\"]]", Figure(chart));
        Assert.Throws<ArgumentException>(() => Charts.PlotConfusionMatrix(new long[2, 2], ["only one"]));
    }

    [Fact]
    public void Plot_losses_draws_loss_and_accuracy_side_by_side()
    {
        var history = TrainingHistory.From([
            new EpochMetrics(1, 0.8, 0.70, 0.6, 0.80, 1e-3, TimeSpan.FromSeconds(2)),
            new EpochMetrics(2, 0.4, 0.88, 0.5, 0.85, 1e-3, TimeSpan.FromSeconds(4)),
            new EpochMetrics(3, 0.3, 0.91, 0.55, 0.84, 1e-3, TimeSpan.FromSeconds(6)),
        ]);
        Assert.Equal(2, history.BestEpoch);
        var chart = Charts.PlotLosses(history);
        string figure = Figure(chart);
        Assert.Contains("\"name\":\"validation accuracy\"", figure);
        Assert.Contains("\"yaxis\":\"y2\"", figure);
        Assert.Contains("\"yaxis2\":{\"title\":{\"text\":\"accuracy\"}}", figure);
        Assert.Equal("Training curves: epoch 3: train loss 0.3000 acc 91.00% | val loss 0.5500 acc 84.00% | lr 0.001 | 6.0 s",
            chart.ToString());
    }

    [Fact]
    public void Validation_accuracy_that_is_missing_becomes_a_gap_not_invalid_json()
    {
        var figure = JsonNode.Parse(Charts.Lines("gaps", "x", "y", ("s", [1, 2, 3], [1, double.NaN, 3])).Data[PlotlyFigure.MimeType])!;
        Assert.Equal("[1,null,3]", figure["data"]![0]!["y"]!.ToJsonString());
    }

    [Fact]
    public void The_first_chart_of_a_session_carries_the_shipped_plotly_js_and_later_charts_do_not()
    {
        var page = new PlotlyPage();
        RichOutput Show(string title) => PlotlyFigure.ToRichOutput([new JsonObject { ["type"] = "bar", ["y"] = new JsonArray(1, 2) }],
            new JsonObject { ["title"] = title }, title, page);
        var first = Show("first").Data["text/html"];
        var second = Show("second").Data["text/html"];
        Assert.StartsWith($"<script type=\"text/javascript\" {PlotlyJs.MarkerAttribute}=\"{PlotlyJs.Version}\">", first);
        Assert.Contains(PlotlyJs.Library, first);
        Assert.True(first.Length > 1_300_000, $"the first chart is {first.Length} characters; plotly.js alone is 1,358,887");
        Assert.DoesNotContain(PlotlyJs.MarkerAttribute, second);
        Assert.True(second.Length < 3_000, $"a later chart is {second.Length} characters");
        page.Reset();
        Assert.Contains(PlotlyJs.MarkerAttribute, Show("after a reset").Data["text/html"]);
    }

    [Fact]
    public void The_shipped_plotly_js_is_the_pinned_npm_file()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(PlotlyJs.Library);
        Assert.Equal("1836dca6fbe9477c789e8a4affd2b2be59fabe8daf8df49c391809d65490c955",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.Contains($"plotly.js (cartesian - minified) v{PlotlyJs.Version}", PlotlyJs.Library[..200]);
        var license = Path.Combine(CourseKit.Tests.Notebooks.Cli.RepositoryRoot(), "src", "CourseKit", "Visualization", "PlotlyJs", "LICENSE");
        Assert.Contains("Plotly, Inc", File.ReadAllText(license));
    }
}
