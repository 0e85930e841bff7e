using System.Reflection;

namespace CourseKit.Visualization;

/// <summary>
/// The plotly.js the kit ships (npm <c>plotly.js-cartesian-dist-min</c>, MIT; see Visualization/PlotlyJs/README.md),
/// embedded in the library so charts draw with no network. The first chart of a session carries it in a
/// <c>&lt;script&gt;</c>; later charts use the <c>window.Plotly</c> it defines.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version shipped.</summary>
    public const string Version = "2.35.3";

    /// <summary>The npm package it comes from.</summary>
    public const string Package = "plotly.js-cartesian-dist-min";

    /// <summary>The attribute that marks the script element carrying the library.</summary>
    public const string MarkerAttribute = "data-coursekit-plotlyjs";

    private const string Resource = "CourseKit.PlotlyJs.plotly-cartesian.min.js";
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The library's source, exactly as published.</summary>
    public static string Library => Source.Value;

    /// <summary>
    /// The library as a script element. Inside a function whose <c>define</c>, <c>module</c> and <c>exports</c> are
    /// undefined, so it sets <c>window.Plotly</c> even where require.js is loaded (classic Jupyter Notebook).
    /// </summary>
    public static string ScriptElement() =>
        $"<script type=\"text/javascript\" {MarkerAttribute}=\"{Version}\">(function () {{ var define, module, exports;\n{Library}\n}}).call(window);</script>\n";

    /// <summary>The page of this process's session (a notebook run, a kernel): the charts the kit shows go there.</summary>
    internal static PlotlyPage SessionPage { get; } = new();

    /// <summary>Makes the next chart of this session carry the library again (for a host that starts a new page).</summary>
    public static void Reset() => SessionPage.Reset();

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"CourseKit.dll lacks its embedded plotly.js ({Resource}); rebuild the kit from a full checkout.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
