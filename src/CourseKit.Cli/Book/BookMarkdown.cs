using Markdig;

namespace CourseKit.Cli.Book;

/// <summary>
/// The notebooks' Markdown as HTML (CommonMark with tables, emphasis extras and heading ids). <c>$…$</c> and
/// <c>$$…$$</c> stay TeX, in <c>&lt;span class="math"&gt;</c> and <c>&lt;div class="math"&gt;</c>, for the site's KaTeX
/// to typeset in the browser: Markdown never sees inside a formula, so <c>_</c> and <c>*</c> in it stay maths.
/// </summary>
internal static class BookMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .Build();

    /// <summary>Markdown to HTML.</summary>
    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    /// <summary>Markdown to plain text (for the search index and summaries).</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline);
}
