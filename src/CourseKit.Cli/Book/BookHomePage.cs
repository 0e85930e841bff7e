using System.Text;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Book;

/// <summary>The website's home page: what the course is, the syllabus (from the notebooks' titles and opening paragraphs), how to run it.</summary>
public static partial class BookHomePage
{
    /// <summary>The page's content.</summary>
    public static string Body(IReadOnlyList<(BookChapter Chapter, string Title, string Summary)> chapters)
    {
        var html = new StringBuilder();
        html.Append($"<h1>{BookPageLayout.CourseName}</h1>\n")
            .Append("<h2 id=\"about\">About the course</h2>\n")
            .Append("<p>A course on deep learning for computer vision, written in C# on TorchSharp. It starts from images as arrays ")
            .Append("and filtering, builds every network layer from scratch, trains convolutional networks, and goes on to augmentation ")
            .Append("and transfer learning, detection and segmentation, visualising what a network learned, and the generative models: ")
            .Append("autoencoders, variational autoencoders, generative adversarial networks and autoregressive models. Every lecture is a ")
            .Append("notebook you can run on a laptop CPU; each page here is one, shown with the outputs it produced when the course was ")
            .Append("last run, and links to the notebook file. The graded assignments are shown as students receive them.</p>\n")
            .Append("<p>The notebooks use the course kit, <em>CourseKit</em>: a helper library on TorchSharp that implements every layer ")
            .Append("and model the lectures teach, with small helpers a notebook calls by name (<code>ShowImages</code>, <code>Trainer</code>, ")
            .Append("<code>PlotLosses</code>).</p>\n");

        html.Append("<h2 id=\"syllabus\">Syllabus</h2>\n");
        foreach (var (group, kind) in new[] { ("Lectures", BookChapterKind.Lecture), ("Assignments", BookChapterKind.Assignment) })
        {
            var items = chapters.Where(c => c.Chapter.Kind == kind).ToList();
            if (items.Count == 0) continue;
            html.Append($"<h3>{group}</h3>\n<dl class=\"syllabus\">\n");
            foreach (var (chapter, title, summary) in items)
                html.Append($"<dt><a href=\"{chapter.Slug}.html\">{CellHtml.Escape(title)}</a></dt>\n<dd>{summary}</dd>\n");
            html.Append("</dl>\n");
        }

        html.Append("<h2 id=\"how-to-run\">How to run it</h2>\n")
            .Append("<p><strong>In one click.</strong> The course repository has a dev container (<code>.devcontainer/</code>): open it in ")
            .Append("GitHub Codespaces, or in VS Code with the Dev Containers extension, and it installs the .NET SDK, Jupyter, the course's ")
            .Append("kernel and the .NET Interactive kernel, and builds the kit. Then open any notebook under <code>notebooks/</code>.</p>\n")
            .Append("<p><strong>On your own machine.</strong> Install the .NET 10 SDK (Linux, Windows or macOS; no GPU needed), then, in the ")
            .Append("course repository, register the course's Jupyter kernel and open a notebook in VS Code or JupyterLab with the ")
            .Append("<em>.NET (C#) — CourseKit</em> kernel:</p>\n")
            .Append("<pre><code class=\"language-bash\">dotnet run --project src/CourseKit.Cli -c Release -- kernel install</code></pre>\n")
            .Append("<p><strong>Headless.</strong> Run every lecture top to bottom and build this website from the executed notebooks:</p>\n")
            .Append("<pre><code class=\"language-bash\">dotnet run --project src/CourseKit.Cli -c Release -- run notebooks --book out/book</code></pre>\n")
            .Append("<p>Each page's <em>Download the notebook</em> link gives the notebook itself. This site works opened from disk and ")
            .Append("from any static host: its scripts, styles and fonts are in <code>assets/</code>, each with its licence (KaTeX, ")
            .Append("MiniSearch, highlight.js, plotly.js), and it loads nothing from anywhere else.</p>\n");
        return html.ToString();
    }

    /// <summary>
    /// The notebook's summary, as HTML: a lecture's <c>**Lecture topic:**</c> paragraph (every lecture's first cell has one,
    /// see notebooks/README.md); otherwise (an assignment) the first paragraph of prose in its opening cells, less the
    /// sentences that point at slide decks. Cut at a sentence near 400 characters.
    /// </summary>
    public static string Summary(Notebook notebook)
    {
        var opening = notebook.Cells.FirstOrDefault(c => c.CellType == "markdown")?.Source.Replace("\r\n", "\n") ?? "";
        var topic = LectureTopic().Match(opening);
        if (topic.Success)
        {
            var text = topic.Groups["topic"].Value.Replace('\n', ' ').Trim();
            return Inline(Shorten(char.ToUpperInvariant(text[0]) + text[1..]));
        }
        foreach (var cell in notebook.Cells.Where(c => c.CellType == "markdown").Take(2))
            foreach (var paragraph in cell.Source.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (paragraph.Length == 0 || !char.IsLetter(paragraph[0]) || paragraph.EndsWith(':') || paragraph.EndsWith(',')) continue;
                var sentences = Sentence().Split(paragraph.Replace('\n', ' ')).Where(s => !Deck().IsMatch(s))
                    .SkipWhile(s => s.FirstOrDefault(char.IsLetterOrDigit) is var first && !char.IsUpper(first) && !char.IsDigit(first)).ToList();
                var text = Shorten(string.Join(" ", sentences));
                if (text.Length < 60 || text.Count(ch => ch == '$') % 2 != 0) continue;
                return Inline(text);
            }
        return "";
    }

    /// <summary>The first sentences of <paramref name="text"/>, as many as fit in about 420 characters (at least one).</summary>
    private static string Shorten(string text)
    {
        var shortened = "";
        foreach (var sentence in Sentence().Split(text))
        {
            if (shortened.Length > 0 && shortened.Length + sentence.Length > 420) break;
            shortened += (shortened.Length > 0 ? " " : "") + sentence;
        }
        return shortened;
    }

    /// <summary>Markdown of one paragraph as inline HTML (no enclosing &lt;p&gt;).</summary>
    private static string Inline(string markdown)
    {
        var html = BookMarkdown.ToHtml(markdown).Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) ? html[3..^4] : html;
    }

    // "**Lecture topic:** what the lecture is about." up to the end of its paragraph.
    [GeneratedRegex(@"^\*\*Lecture topic:\*\*[ \t]*(?<topic>.+?)(?:\n\s*\n|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex LectureTopic();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z*])")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\bdecks?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deck();
}
