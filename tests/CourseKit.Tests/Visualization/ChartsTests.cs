using CourseKit.Training;
using CourseKit.Visualization;

namespace CourseKit.Tests.Visualization;

public class ChartsTests
{
    [Fact]
    public void Lines_returns_plotly_html_with_the_data_and_a_plain_summary()
    {
        var chart = Charts.Lines("Loss", "epoch", "loss",
            ("train", [1, 2, 3], [0.9, 0.5, 0.25]), ("validation", [1, 2, 3], [1.0, 0.7, 0.6]));
        string html = chart.Data["text/html"];
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("paths:{plotly:'https://cdn.plot.ly/plotly-2.28.0.min'}", html);
        Assert.Contains("\"name\":\"train\"", html);
        Assert.Contains("[0.9,0.5,0.25]", html);
        Assert.Contains("\"text\":\"epoch\"", html);
        Assert.Equal("Line chart \"Loss\" (epoch vs loss): train (3 points, last 0.25, min 0.25, max 0.9); " +
                     "validation (3 points, last 0.6, min 0.6, max 1)", chart.Data["text/plain"]);
    }

    [Fact]
    public void Scatter_and_bars_check_their_input()
    {
        var scatter = Charts.Scatter("Latent space", ("digit 0", [0.5, -1], [2, 3]));
        Assert.Contains("\"mode\":\"markers\"", scatter.Data["text/html"]);
        var e = Assert.Throws<ArgumentException>(() => Charts.Scatter("bad", ("s", [1, 2], [1])));
        Assert.Contains("2 x values but 1 y values", e.Message);
        var bars = Charts.Bars("Parameters", ["LeNet-5", "VGG"], [61706, 130000]);
        Assert.Contains("\"type\":\"bar\"", bars.Data["text/html"]);
        Assert.Equal("Bar chart \"Parameters\": LeNet-5 6.171E+04, VGG 1.3E+05", bars.ToString());
        Assert.Throws<ArgumentException>(() => Charts.Bars("bad", ["a"], [1, 2]));
    }

    [Fact]
    public void Heatmap_puts_row_zero_on_top_and_prints_small_matrices()
    {
        var map = Charts.Heatmap("Kernel", new double[,] { { -1, 0, 1 }, { -2, 0, 2 } }, columnLabels: ["a", "b", "c"]);
        string html = map.Data["text/html"];
        Assert.Contains("\"z\":[[-1.0,0.0,1.0],[-2.0,0.0,2.0]]", html);
        Assert.Contains("\"autorange\":\"reversed\"", html);
        Assert.Equal("Heatmap \"Kernel\" (2×3)\n         a        b        c\n0       -1        0        1\n1       -2        0        2",
            map.ToString());
        Assert.Throws<ArgumentException>(() => Charts.Heatmap("bad", new double[2, 2], rowLabels: ["one"]));
    }

    [Fact]
    public void Confusion_matrix_reports_accuracy_and_annotates_counts()
    {
        var chart = Charts.PlotConfusionMatrix(new long[,] { { 5, 1 }, { 2, 12 } }, ["cat", "dog"]);
        Assert.StartsWith("Confusion matrix (rows: true class, columns: predicted), accuracy 85.00% (17/20)", chart.ToString());
        Assert.Contains("\"text\":[[\"5\",\"1\"],[\"2\",\"12\"]]", chart.Data["text/html"]);
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
        string html = chart.Data["text/html"];
        Assert.Contains("\"name\":\"validation accuracy\"", html);
        Assert.Contains("\"yaxis\":\"y2\"", html);
        Assert.Contains("\"yaxis2\":{\"title\":{\"text\":\"accuracy\"}}", html);
        Assert.Equal("Training curves: epoch 3: train loss 0.3000 acc 91.00% | val loss 0.5500 acc 84.00% | lr 0.001 | 6.0 s",
            chart.ToString());
    }
}
