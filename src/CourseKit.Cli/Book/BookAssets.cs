using System.Reflection;
using CourseKit.Visualization;

namespace CourseKit.Cli.Book;

/// <summary>
/// The scripts, styles and fonts the course website uses, written into its <c>assets/</c> folder: KaTeX 0.19.1,
/// MiniSearch 7.2.0 and highlight.js 11.12.0 (npm, each with its licence; see Book/Assets/README.md), embedded in
/// this tool, and the kit's own plotly.js (<see cref="PlotlyJs"/>, its LICENSE embedded here too). Nothing is fetched.
/// </summary>
public static class BookAssets
{
    /// <summary>The folder, inside the site, that holds them.</summary>
    public const string Folder = "assets";

    /// <summary>plotly.js' file name inside <see cref="Folder"/>.</summary>
    public const string PlotlyFile = "plotly/plotly-cartesian.min.js";

    private const string Prefix = "CourseKit.Book.";

    /// <summary>Writes every asset under <paramref name="site"/>/assets; returns the files written, relative to the site.</summary>
    public static IReadOnlyList<string> Write(string site)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var written = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var relative = Path.Combine(Folder, resource[Prefix.Length..].Replace('\\', '/'));
            var target = Path.Combine(site, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var stream = assembly.GetManifestResourceStream(resource)!)
            using (var file = File.Create(target))
                stream.CopyTo(file);
            written.Add(relative.Replace('\\', '/'));
        }
        if (!written.Any(f => f.EndsWith("katex.min.js", StringComparison.Ordinal)))
            throw new InvalidOperationException("coursekit lacks its embedded website assets (Book/Assets); rebuild it from a full checkout.");

        var plotly = Path.Combine(site, Folder, PlotlyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(plotly)!);
        File.WriteAllText(plotly, PlotlyJs.Library);
        written.Add($"{Folder}/{PlotlyFile}");
        return written;
    }
}
