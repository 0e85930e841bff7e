using System.Text.Json.Nodes;
using CourseKit.Notebooks.Model;
using CourseKit.Visualization;

namespace CourseKit.Tests.Kernel;

/// <summary>The Chromium check itself: it sees a chart that draws offline, and it catches a CDN chart that cannot.</summary>
public class OfflinePageTests
{
    [Fact]
    public void A_kit_chart_draws_offline_and_a_cdn_chart_is_caught()
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-offline-page-test-").FullName;
        try
        {
            // A page of its own, so the chart carries plotly.js whatever other tests drew before.
            var kit = PlotlyFigure.ToRichOutput([new JsonObject { ["type"] = "bar", ["x"] = new JsonArray("a", "b"), ["y"] = new JsonArray(1, 2) }],
                new JsonObject { ["width"] = 400, ["height"] = 300 }, "offline", new PlotlyPage());
            // What Plotly.NET's own HTML does: plotly.js from a CDN, then a chart that needs it.
            var cdn = RichOutput.Html(
                "<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>" +
                "<div id=\"coursekit-chart-0123abcd\" class=\"coursekit-chart\"></div>" +
                "<script>if (window.Plotly) Plotly.newPlot('coursekit-chart-0123abcd', [{ y: [1] }]);</script>", "cdn chart");
            string Notebook(string name, RichOutput output)
            {
                var cell = Cell.Code("display(chart)");
                cell.Outputs.Add(new JsonObject { ["data"] = OutputJson.DataToJson(output.Data), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" });
                var path = Path.Combine(folder, name);
                NotebookFile.Write(NotebookFile.NewPolyglot(cell), path);
                return path;
            }

            var offline = OfflinePage.Check(Notebook("kit.ipynb", kit));
            Assert.Equal((1, 1), (offline.Charts, offline.Drawn));
            Assert.Empty(offline.ExternalRequests);

            var online = OfflinePage.Check(Notebook("cdn.ipynb", cdn));
            Assert.Equal((1, 0), (online.Charts, online.Drawn));
            Assert.Equal(["https://cdn.plot.ly/plotly-2.28.0.min.js (script-src-elem)"], online.ExternalRequests);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
