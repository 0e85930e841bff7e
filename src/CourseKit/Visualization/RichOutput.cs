namespace CourseKit.Visualization;

/// <summary>
/// Something a notebook shows, as a Jupyter mime bundle: mime type → content. Text types hold text;
/// <c>image/png</c> holds base64. Every picture, chart and table helper in the kit returns one, and the
/// notebook hosts (the kit's engine, its Jupyter kernel, Polyglot Notebooks) know how to display it.
/// </summary>
/// <param name="Data">The representations, richest first; always includes <c>text/plain</c>.</param>
public sealed record RichOutput(IReadOnlyDictionary<string, string> Data)
{
    /// <summary>An HTML output with a plain-text fallback.</summary>
    public static RichOutput Html(string html, string plainText) =>
        new(new Dictionary<string, string> { ["text/html"] = html, ["text/plain"] = plainText });

    /// <summary>A PNG picture (shown as an image), with a plain-text fallback.</summary>
    public static RichOutput Png(byte[] png, string plainText) =>
        new(new Dictionary<string, string> { ["image/png"] = Convert.ToBase64String(png), ["text/plain"] = plainText });

    /// <summary>The plain-text fallback.</summary>
    public override string ToString() => Data.TryGetValue("text/plain", out var text) ? text : "";
}
