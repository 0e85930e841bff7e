using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace CourseKit.Cli.Book;

/// <summary>
/// The notebooks' Markdown as HTML (CommonMark with tables, emphasis extras and heading ids). <c>$…$</c> and
/// <c>$$…$$</c> stay TeX, in <c>&lt;span class="math"&gt;</c> and <c>&lt;div class="math"&gt;</c>, for the site's KaTeX
/// to typeset in the browser: Markdown never sees inside a formula, so <c>_</c> and <c>*</c> in it stay maths.
/// </summary>
internal static partial class BookMarkdown
{
    // Code (fenced blocks, inline spans) is matched first and left alone; then display maths $$…$$ (may span lines),
    // then inline maths $…$ (within a paragraph: it may wrap onto the next line, not past a blank one; no space just
    // inside the dollars, not followed by a digit: "$5 and $6" is money).
    [GeneratedRegex(@"(?<code>```[\s\S]*?```|`[^`\n]*`)|\$\$(?<display>[\s\S]+?)\$\$|(?<![\\$])\$(?<inline>[^\s$](?:(?:[^$\n]|\n(?![ \t]*\n))*?[^\s$\\])?)\$(?!\d)")]
    private static partial Regex CodeOrMath();

    [GeneratedRegex(@"<p>(?<token>MATHDISPLAY\d+X)</p>")]
    private static partial Regex DisplayParagraph();

    [GeneratedRegex(@"MATH(?<kind>DISPLAY|INLINE)(?<index>\d+)X")]
    private static partial Regex Token();

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .Build();

    /// <summary>
    /// Markdown to HTML. The formulas are taken out before Markdig sees the text and put back after, so no Markdown rule
    /// (emphasis, escapes such as <c>\,</c>, a <c>$$</c> block inside a paragraph) can change a formula.
    /// </summary>
    public static string ToHtml(string markdown)
    {
        var formulas = new List<string>();
        string protectedText = CodeOrMath().Replace(markdown, m =>
        {
            if (m.Groups["code"].Success) return m.Value;
            bool display = m.Groups["display"].Success;
            formulas.Add((display ? m.Groups["display"] : m.Groups["inline"]).Value.Trim());
            return $"MATH{(display ? "DISPLAY" : "INLINE")}{formulas.Count - 1}X";
        });
        string html = Markdown.ToHtml(protectedText, Pipeline);
        html = DisplayParagraph().Replace(html, m => m.Groups["token"].Value);
        return Token().Replace(html, m =>
        {
            string tex = WebUtility.HtmlEncode(formulas[int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)]);
            return m.Groups["kind"].Value == "DISPLAY"
                ? $"<div class=\"math\">\\[{tex}\\]</div>"
                : $"<span class=\"math\">\\({tex}\\)</span>";
        });
    }

    /// <summary>
    /// Markdown to plain text, for the search index. Each formula is read as text (<see cref="TexText.Readable"/>: "σ(a)",
    /// not "\sigma(a)"), taken out before Markdig sees the text as in <see cref="ToHtml"/>.
    /// </summary>
    public static string ToPlainText(string markdown)
    {
        var formulas = new List<string>();
        string protectedText = CodeOrMath().Replace(markdown, m =>
        {
            if (m.Groups["code"].Success) return m.Value;
            formulas.Add(TexText.Readable((m.Groups["display"].Success ? m.Groups["display"] : m.Groups["inline"]).Value));
            return $"MATHINLINE{formulas.Count - 1}X";
        });
        string text = Markdown.ToPlainText(protectedText, Pipeline);
        return Token().Replace(text, m => formulas[int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>The names of the symbols in <paramref name="markdown"/>'s formulas ("sigma", "partial"), for the search index.</summary>
    public static IEnumerable<string> FormulaWords(string markdown) =>
        CodeOrMath().Matches(markdown).Where(m => !m.Groups["code"].Success)
            .SelectMany(m => TexText.Words((m.Groups["display"].Success ? m.Groups["display"] : m.Groups["inline"]).Value));
}
