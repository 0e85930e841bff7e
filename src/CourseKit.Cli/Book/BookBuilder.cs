using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Book;

/// <summary>
/// Builds the course website from the course's notebooks: a home page (what the course is, the syllabus, how to run
/// it), one page per lecture and per assignment with a table of contents and previous/next links, C# highlighted,
/// pictures, charts drawn by the kit's plotly.js, LaTeX typeset by KaTeX, an offline full-text search, and each
/// page's notebook beside it. Every notebook goes through <see cref="StudentVersion.Of"/> first, so only what
/// students may see is published. The site loads nothing from outside its folder.
/// </summary>
public static partial class BookBuilder
{
    /// <summary>The file that marks a folder as a book this builder wrote (so a rebuild may replace it).</summary>
    public const string MarkerFile = ".coursekit-book";

    /// <summary>The folder, inside the site, that holds each page's notebook (student version, no outputs).</summary>
    public const string NotebookFolder = "notebooks";

    /// <summary>Writes the website for <paramref name="chapters"/> (lectures first, then assignments, each in order) into <paramref name="folder"/>.</summary>
    /// <exception cref="ArgumentException">No chapters, or two with one slug, or a slug that is not a plain file name.</exception>
    /// <exception cref="IOException">The folder exists, is not empty and is not a book this builder wrote.</exception>
    /// <exception cref="InvalidDataException">A solution marker would reach a page (see <see cref="StudentVersion"/>).</exception>
    public static BookResult Build(IReadOnlyList<BookChapter> chapters, string folder)
    {
        if (chapters.Count == 0)
            throw new ArgumentException("The book has no notebooks: run the course first (coursekit run notebooks) so out/executed holds the lectures.", nameof(chapters));
        foreach (var chapter in chapters)
            if (!SafeSlug().IsMatch(chapter.Slug))
                throw new ArgumentException($"'{chapter.Slug}' cannot be a page name: use letters, digits, '-', '_' and '.'.", nameof(chapters));
        var twice = chapters.GroupBy(c => c.Slug, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException($"Two notebooks would both be the page {twice.Key}.html.", nameof(chapters));

        var site = Path.GetFullPath(folder);
        Prepare(site);
        BookAssets.Write(site);
        Directory.CreateDirectory(Path.Combine(site, NotebookFolder));

        var students = chapters.Select(c => (Chapter: c, Notebook: StudentVersion.Of(c.Notebook, c.Slug))).ToList();
        var contents = new List<BookPageLayout.Entry> { new("index.html", "Home", "Course") };
        foreach (var (chapter, notebook) in students)
            contents.Add(new(chapter.Slug + ".html", TitleOf(notebook, chapter.Slug),
                chapter.Kind == BookChapterKind.Lecture ? "Lectures" : "Assignments"));

        var search = new BookSearchIndex();
        var pages = new List<string>();
        int charts = 0, formulas = 0;
        foreach (var (chapter, notebook) in students)
        {
            var file = chapter.Slug + ".html";
            var title = TitleOf(notebook, chapter.Slug);
            var notebookFile = $"{NotebookFolder}/{chapter.Slug}.ipynb";
            var body = new StringBuilder();
            var kind = chapter.Kind == BookChapterKind.Lecture ? "Lecture" : "Assignment (student version)";
            var executed = notebook.CodeCells.Any(c => c.Outputs.Count > 0);
            body.Append("<div class=\"notebook-link\">")
                .Append($"<span class=\"kind\">{kind}</span>")
                .Append($"<a href=\"{notebookFile}\" download>Download the notebook ({chapter.Slug}.ipynb)</a>")
                .Append("<span>Open it in VS Code or Jupyter with the .NET (C#) kernel; see <a href=\"index.html#how-to-run\">how to run</a>.</span>")
                .Append(executed ? "" : "<span>Shown without outputs: run it to see them.</span>")
                .Append("</div>\n");

            var sections = new List<(string Id, string Html)>();
            string sectionId = "", sectionTitle = title;
            var sectionText = new StringBuilder();
            var sectionWords = new List<string>();
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                var (html, drawn) = CellHtml.Render(cell, i);
                charts += drawn;
                formulas += MathElement().Matches(html).Count;
                body.Append(html);
                if (cell.CellType == "markdown")
                {
                    var heading = Heading().Match(html);
                    if (heading.Success)
                    {
                        search.Add(file + (sectionId.Length > 0 ? "#" + sectionId : ""), title, sectionTitle, sectionText.ToString(), sectionWords);
                        sectionText.Clear();
                        sectionWords.Clear();
                        sectionId = heading.Groups["id"].Value;
                        sectionTitle = WebUtility.HtmlDecode(Tags().Replace(heading.Groups["text"].Value, ""));
                        if (heading.Groups["level"].Value == "2") sections.Add((sectionId, SectionEntry(heading.Groups["text"].Value)));
                    }
                    sectionText.Append(BookMarkdown.ToPlainText(cell.Source)).Append('\n');
                    sectionWords.AddRange(BookMarkdown.FormulaWords(cell.Source));
                }
                else if (cell.IsCode)
                {
                    sectionText.Append(cell.Source).Append('\n');
                }
            }
            search.Add(file + (sectionId.Length > 0 ? "#" + sectionId : ""), title, sectionTitle, sectionText.ToString(), sectionWords);

            var pageCharts = CellHtml.ChartDiv().IsMatch(body.ToString());
            File.WriteAllText(Path.Combine(site, file), BookPageLayout.Page(title, file, body.ToString(), contents, sections, pageCharts, []));
            pages.Add(file);

            var published = notebook.Clone();
            foreach (var cell in published.CodeCells)
            {
                cell.Outputs.Clear();
                cell.ExecutionCount = null;
            }
            File.WriteAllText(Path.Combine(site, notebookFile), NotebookFile.ToJson(published));
        }

        var home = BookHomePage.Body(students.Select(s => (s.Chapter, TitleOf(s.Notebook, s.Chapter.Slug), BookHomePage.Summary(s.Notebook))).ToList());
        File.WriteAllText(Path.Combine(site, "index.html"), BookPageLayout.Page(BookPageLayout.CourseName, "index.html", home, contents,
            [("about", "About the course"), ("syllabus", "Syllabus"), ("how-to-run", "How to run it")], false, []));
        formulas += MathElement().Matches(home).Count;
        pages.Insert(0, "index.html");

        search.Write(site);
        File.WriteAllText(Path.Combine(site, "search.html"), BookPageLayout.Page("Search", "search.html",
            "<h1>Search</h1>\n<input id=\"search-box\" type=\"search\" placeholder=\"A word from any lecture or assignment\" aria-label=\"Search\" autofocus>\n" +
            "<p id=\"search-status\"></p>\n<ol id=\"search-results\"></ol>\n",
            contents, [], false, [$"{BookAssets.Folder}/minisearch/minisearch.js", BookSearchIndex.File, $"{BookAssets.Folder}/site/search.js"]));
        pages.Add("search.html");

        AssertNoMarkers(site);
        File.WriteAllText(Path.Combine(site, MarkerFile), "Written by `coursekit book`; the next build replaces this folder.\n");
        return new BookResult(site, pages, charts, formulas);
    }

    /// <summary>The notebook's title: its first Markdown heading, with the lecture number written "01 · ".</summary>
    public static string TitleOf(Notebook notebook, string fallback)
    {
        foreach (var cell in notebook.Cells.Where(c => c.CellType == "markdown"))
        {
            var heading = FirstHeading().Match(cell.Source);
            if (heading.Success) return Numbered().Replace(heading.Groups[1].Value.Trim(), "$1 · ");
        }
        return fallback;
    }

    /// <summary>
    /// A heading's inner HTML as its table-of-contents entry: the text, escaped, with its formulas kept as math spans
    /// (typeset like the page's, so the entry reads "p_model vs p_data" as maths, not as TeX source).
    /// </summary>
    private static string SectionEntry(string headingHtml)
    {
        var entry = new StringBuilder();
        int at = 0;
        foreach (Match formula in InlineMath().Matches(headingHtml))
        {
            entry.Append(CellHtml.Escape(WebUtility.HtmlDecode(Tags().Replace(headingHtml[at..formula.Index], "")))).Append(formula.Value);
            at = formula.Index + formula.Length;
        }
        return entry.Append(CellHtml.Escape(WebUtility.HtmlDecode(Tags().Replace(headingHtml[at..], "")))).ToString();
    }

    private static void Prepare(string site)
    {
        if (Directory.Exists(site) && Directory.EnumerateFileSystemEntries(site).Any())
        {
            if (!File.Exists(Path.Combine(site, MarkerFile)))
                throw new IOException($"{site} exists, is not empty and is not a book coursekit wrote; pick a new or empty folder with --output.");
            Directory.Delete(site, recursive: true);
        }
        Directory.CreateDirectory(site);
    }

    // Belt and braces: no page, notebook or index of the site may hold a solution or hidden-test marker.
    private static void AssertNoMarkers(string site)
    {
        foreach (var file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".ipynb", StringComparison.Ordinal) || f.EndsWith(BookSearchIndex.File, StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var leak = CourseKit.Grading.Lectures.LectureVersions.Markers.FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal));
            if (leak is not null)
                throw new InvalidDataException($"{Path.GetRelativePath(site, file)} would publish \"{leak}\"; the book was not finished. Mark solutions as the assignments do.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeSlug();

    [GeneratedRegex(@"^\s*#\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex FirstHeading();

    [GeneratedRegex(@"^(\d{1,2})\s*[·.:\-–]?\s+")]
    private static partial Regex Numbered();

    [GeneratedRegex("<h(?<level>[1-3]) id=\"(?<id>[^\"]*)\">(?<text>.*?)</h[1-3]>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<span class=\"math\">[^<]*</span>")]
    private static partial Regex InlineMath();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<(?:span|div) class=\"math\"")]
    private static partial Regex MathElement();
}
