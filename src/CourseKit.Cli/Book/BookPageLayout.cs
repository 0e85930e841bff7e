using System.Text;

namespace CourseKit.Cli.Book;

/// <summary>
/// The frame of every page of the website: the course's name and a search box on top, the table of contents on the
/// left (the current page's sections under its entry), previous/next at the bottom. Every address is relative, so the
/// site works from disk (file://) and from any static host.
/// </summary>
internal static class BookPageLayout
{
    /// <summary>The course's name, on every page.</summary>
    public const string CourseName = "Deep Learning for Computer Vision in C#";

    /// <summary>One entry of the table of contents.</summary>
    public sealed record Entry(string File, string Title, string Group);

    /// <summary>A whole page.</summary>
    /// <param name="title">The page's title.</param>
    /// <param name="file">The page's file name (marks the current entry).</param>
    /// <param name="body">The page's content (HTML).</param>
    /// <param name="contents">The table of contents (home and chapters, in order).</param>
    /// <param name="sections">The page's own section headings (id, HTML: escaped text and math spans), listed under its entry.</param>
    /// <param name="charts">Whether the page has charts (only then is plotly.js, 1.4 MB, loaded).</param>
    /// <param name="extraScripts">Scripts after the site's own (the search page's).</param>
    public static string Page(string title, string file, string body, IReadOnlyList<Entry> contents,
        IReadOnlyList<(string Id, string Text)> sections, bool charts, IReadOnlyList<string> extraScripts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{CellHtml.Escape(title)} — {CourseName}</title>\n")
            .Append($"<link rel=\"stylesheet\" href=\"{BookAssets.Folder}/katex/katex.min.css\">\n")
            .Append($"<link rel=\"stylesheet\" href=\"{BookAssets.Folder}/highlightjs/github.min.css\">\n")
            .Append($"<link rel=\"stylesheet\" href=\"{BookAssets.Folder}/site/book.css\">\n");
        // plotly.js before the body: the charts' own inline scripts draw with window.Plotly as the page is parsed.
        if (charts) html.Append($"<script src=\"{BookAssets.Folder}/{BookAssets.PlotlyFile}\"></script>\n");
        html.Append("</head>\n<body>\n<header class=\"top\">\n")
            .Append($"<a class=\"course\" href=\"index.html\">{CourseName}</a>\n")
            .Append("<form class=\"search\" action=\"search.html\" method=\"get\" role=\"search\">")
            .Append("<input type=\"search\" name=\"q\" placeholder=\"Search the course\" aria-label=\"Search the course\"></form>\n")
            .Append("</header>\n<div class=\"frame\">\n<nav class=\"toc\" aria-label=\"Table of contents\">\n");
        string? group = null;
        foreach (var entry in contents)
        {
            if (entry.Group != group)
            {
                if (group is not null) html.Append("</ul>\n");
                html.Append($"<h2>{CellHtml.Escape(entry.Group)}</h2>\n<ul>\n");
                group = entry.Group;
            }
            bool current = entry.File == file;
            html.Append(current ? "<li class=\"current\">" : "<li>")
                .Append($"<a href=\"{entry.File}\"{(current ? " aria-current=\"page\"" : "")}>{CellHtml.Escape(entry.Title)}</a>");
            if (current && sections.Count > 0)
            {
                html.Append("\n<ul class=\"sections\">\n");
                foreach (var (id, entryHtml) in sections)
                    html.Append($"<li><a href=\"#{id}\">{entryHtml}</a></li>\n");
                html.Append("</ul>");
            }
            html.Append("</li>\n");
        }
        if (group is not null) html.Append("</ul>\n");
        html.Append("</nav>\n<main>\n").Append(body);

        int at = contents.ToList().FindIndex(e => e.File == file);
        if (at >= 0)
        {
            html.Append("<nav class=\"pager\" aria-label=\"Previous and next\">\n");
            if (at > 0) html.Append($"<a class=\"previous\" href=\"{contents[at - 1].File}\">← {CellHtml.Escape(contents[at - 1].Title)}</a>\n");
            if (at + 1 < contents.Count) html.Append($"<a class=\"next\" href=\"{contents[at + 1].File}\">{CellHtml.Escape(contents[at + 1].Title)} →</a>\n");
            html.Append("</nav>\n");
        }
        html.Append("</main>\n</div>\n")
            .Append($"<script src=\"{BookAssets.Folder}/katex/katex.min.js\"></script>\n")
            .Append($"<script src=\"{BookAssets.Folder}/highlightjs/highlight.min.js\"></script>\n");
        foreach (var script in extraScripts) html.Append($"<script src=\"{script}\"></script>\n");
        html.Append($"<script src=\"{BookAssets.Folder}/site/book.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }
}
