using System.Net;
using System.Text.RegularExpressions;
using CourseKit.Visualization;
using static TorchSharp.torch;

namespace CourseKit.Tests.Visualization;

/// <summary>
/// Labels under pictures are HTML captions, written by the viewer's fonts: every character the notebooks use shows as
/// itself (the old 5×7 bitmap font printed "?" for → [ ] " and Greek letters), and a long label wraps inside its
/// picture's column instead of running into the next one ("FILTER 0FILTER 1FILTER 2").
/// </summary>
public partial class CaptionTests
{
    // Labels as the kit's helpers and the notebooks write them (NetworkViews.Misclassified, FeatureMaps, Filters,
    // notebook 01's sizes, notebook 07's β), plus quotes and Greek letters.
    private static readonly string[] Labels =
    [
        "4 → 6", "Ankle boot → Sneaker", "conv1[0]", "A1[0]", "filter 0", "filter 1", "chelsea, 32×32×3",
        "\"quoted\"", "β = 8, σ², μ", "conv1.weight[0,0,:,:]→relu", "diagonal \\", "gaussian 9x9, sigma 2 and a label far wider than its picture",
    ];

    [Fact]
    public void Captions_show_every_character_and_stay_inside_their_column_in_chromium()
    {
        TorchRuntime();
        using var images = rand(Labels.Length, 1, 28, 28, generator: new TorchSharp.torch.Generator().manual_seed(0));
        var shown = Pictures.Images(images, Labels, columns: 4);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, Convert.FromBase64String(shown.Data["image/png"])[..4]);

        // Measure in the browser: each caption's text, and whether its box fits inside its figure.
        const string measure = """
            <script>
            document.querySelectorAll('figure').forEach(function (f, i) {
              var c = f.querySelector('figcaption'), fr = f.getBoundingClientRect(), cr = c.getBoundingClientRect();
              var out = document.createElement('pre'); out.className = 'measured';
              out.textContent = i + '|' + (cr.left >= fr.left - 0.5 && cr.right <= fr.right + 0.5 && c.scrollWidth <= c.clientWidth + 1) + '|' + c.textContent;
              document.body.appendChild(out);
            });
            </script>
            """;
        var dom = CourseKit.Tests.Kernel.OfflinePage.DomOf(shown.Data["text/html"] + measure);
        var measured = Measured().Matches(dom).Select(m => WebUtility.HtmlDecode(m.Groups["line"].Value).Split('|', 3)).ToList();

        Assert.Equal(Labels.Length, measured.Count);
        for (int i = 0; i < Labels.Length; i++)
        {
            Assert.Equal(Labels[i], measured[i][2]);               // every character as itself, no "?"
            Assert.True(measured[i][1] == "true", $"caption \"{Labels[i]}\" overflows its picture's column");
        }
        Assert.DoesNotContain('\uFFFD', string.Concat(measured.Select(m => m[2])));
    }

    private static void TorchRuntime() => CourseKit.Runtime.TorchRuntime.Initialize();

    [GeneratedRegex("<pre class=\"measured\">(?<line>[^<]*)</pre>")]
    private static partial Regex Measured();
}
