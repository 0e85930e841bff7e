namespace CourseKit.Visualization;

/// <summary>One page charts are shown on: the first chart written to it carries plotly.js, the later ones use it.</summary>
internal sealed class PlotlyPage
{
    private int emitted;

    /// <summary>The library's script element the first time, "" afterwards.</summary>
    public string ScriptElementOnce() => Interlocked.Exchange(ref emitted, 1) == 0 ? PlotlyJs.ScriptElement() : "";

    /// <summary>Makes the next chart carry the library again.</summary>
    public void Reset() => Interlocked.Exchange(ref emitted, 0);
}
