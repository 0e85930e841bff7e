using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Assignments.A1;
using CourseKit.Assignments.A2;
using CourseKit.Cli.Book;
using CourseKit.Grading.Assignments;
using CourseKit.Notebooks.Model;
using CourseKit.Tests.Kernel;
using NotebookCli = CourseKit.Tests.Notebooks.Cli;

namespace CourseKit.Tests.Book;

/// <summary>
/// `coursekit book`: the course website. Every page of the book (home, each lecture, each assignment's student
/// version, search) opens in headless Chromium from disk with networking off: no console error, no request outside
/// the site, every chart drawn, every formula typeset, and search finds words of later lectures. Screenshots of every
/// page go to out/book-screenshots/ (CI keeps out/), the figures to out/book-pages.tsv. No solution reaches a page.
/// </summary>
public partial class BookSiteTests
{
    // The lecture with both a chart and maths that runs fastest (about 4 s): executed here when the course's executed
    // copies (out/executed, from `coursekit run notebooks`) are not there, so the book always has a real chart.
    private const string ChartAndMathsLecture = "02-network-layers.ipynb";

    [Fact]
    public void Every_page_of_the_book_works_offline_in_chromium()
    {
        var root = NotebookCli.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("coursekit-book-test-").FullName;
        try
        {
            var executed = Path.Combine(root, "out", "executed");
            var ownRun = Path.Combine(work, "executed");
            if (!File.Exists(Path.Combine(executed, ChartAndMathsLecture)))
            {
                // The main command's way: `run <lectures> --book <folder>` runs them and then builds the site from that run
                // (here a course of one lecture, so the site has its page, the two assignments', home and search).
                var lectures = Directory.CreateDirectory(Path.Combine(work, "lectures")).FullName;
                File.Copy(Path.Combine(root, "notebooks", ChartAndMathsLecture), Path.Combine(lectures, ChartAndMathsLecture));
                var runBook = Path.Combine(work, "run-book");
                var (exit, stdout, stderr) = NotebookCli.Run(TimeSpan.FromMinutes(5), "run", lectures, "--output", ownRun, "--book", runBook);
                Assert.True(exit == 0, $"{ChartAndMathsLecture} did not run or its site was not built:\n{stdout}\n{stderr}");
                Assert.Contains("5 pages (1 lectures, 2 assignments, home, search)", stdout);
                var page = File.ReadAllText(Path.Combine(runBook, Path.ChangeExtension(ChartAndMathsLecture, ".html")));
                Assert.Contains("class=\"coursekit-chart\"", page);
                Assert.DoesNotContain("Shown without outputs", page);
            }
            var chapters = Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal)
                .Select(source =>
                {
                    var name = Path.GetFileName(source);
                    var copy = new[] { Path.Combine(executed, name), Path.Combine(ownRun, name) }.FirstOrDefault(File.Exists) ?? source;
                    return new BookChapter(BookChapterKind.Lecture, Path.GetFileNameWithoutExtension(source), NotebookFile.Read(copy));
                })
                .Concat(new AssignmentDefinition[] { new A1Assignment(), new A2Assignment() }.Select(a => new BookChapter(BookChapterKind.Assignment, a.Id,
                    NotebookFile.Parse(AssignmentGenerator.FromSource(a, Path.Combine(root, "assignments")).StudentNotebookJson, a.Id + ".ipynb"))))
                .ToList();

            var clock = Stopwatch.StartNew();
            var book = BookBuilder.Build(chapters, Path.Combine(work, "book"));
            var buildSeconds = clock.Elapsed.TotalSeconds;
            Assert.Equal(chapters.Count + 2, book.Pages.Count);
            Assert.Contains("index.html", book.Pages);
            Assert.Contains("search.html", book.Pages);

            // The pages as published, plus a policy that blocks any network request and a recorder of errors (in a copy).
            var site = Path.Combine(work, "checked");
            CopyFolder(book.Folder, site);
            OfflinePage.InstrumentSite(site);
            var shots = Path.Combine(root, "out", "book-screenshots");
            if (Directory.Exists(shots)) Directory.Delete(shots, recursive: true);

            var rows = new List<string> { "page\tcharts\tdrawn\tformulas\trendered\tconsole_errors\toutside_requests" };
            var problems = new List<string>();
            int charts = 0, drawn = 0, formulas = 0, rendered = 0, withBoth = 0;
            foreach (var page in book.Pages)
            {
                var visit = OfflinePage.Visit(new Uri(Path.Combine(site, page)).AbsoluteUri, Path.Combine(shots, Path.ChangeExtension(page, ".png")));
                var math = MathElement().Matches(visit.Dom);
                int typeset = math.Count(m => m.Groups["class"].Value.Split(' ').Contains("math-rendered"));
                charts += visit.Charts; drawn += visit.Drawn; formulas += math.Count; rendered += typeset;
                if (visit.Charts > 0 && math.Count > 0) withBoth++;
                rows.Add($"{page}\t{visit.Charts}\t{visit.Drawn}\t{math.Count}\t{typeset}\t{visit.ConsoleErrors.Count}\t{visit.ExternalRequests.Count}");
                problems.AddRange(visit.ConsoleErrors.Select(e => $"{page}: {e}"));
                problems.AddRange(visit.ExternalRequests.Select(r => $"{page}: requested outside the site: {r}"));
                if (visit.Drawn != visit.Charts) problems.Add($"{page}: {visit.Drawn} of {visit.Charts} charts drew.");
                if (typeset != math.Count) problems.Add($"{page}: {typeset} of {math.Count} formulas typeset.");
                if (VisibleText(visit.Dom).Contains("$$", StringComparison.Ordinal)) problems.Add($"{page}: raw $$ left in the text.");
                if (page is not "index.html" and not "search.html")
                {
                    if (!visit.Dom.Contains("href=\"notebooks/" + Path.ChangeExtension(page, ".ipynb") + "\"", StringComparison.Ordinal))
                        problems.Add($"{page}: no link to its notebook.");
                    if (!visit.Dom.Contains("class=\"previous\"", StringComparison.Ordinal)) problems.Add($"{page}: no link to the previous page.");
                    if (!visit.Dom.Contains("hljs-keyword", StringComparison.Ordinal)) problems.Add($"{page}: no C# was highlighted.");
                }
            }

            // Search, offline: words that only later lectures use, and the name of a symbol that is only in formulas
            // (its snippets show the symbol, ∂, not the TeX, \partial).
            var hits = new Dictionary<string, string>();
            foreach (var (term, lecture) in new[] { ("LSTM", "10-sequences.html"), ("discriminator", "08-generative-adversarial-networks.html"), ("partial", ChartAndMathsLecture.Replace(".ipynb", ".html")) })
            {
                var visit = OfflinePage.Visit(new Uri(Path.Combine(site, "search.html")).AbsoluteUri + "?q=" + Uri.EscapeDataString(term),
                    Path.Combine(shots, $"search-{term}.png"));
                var results = SearchResult().Matches(visit.Dom).Select(m => m.Groups["href"].Value).ToList();
                hits[term] = $"{results.Count} results, first {results.FirstOrDefault()}";
                rows.Add($"search.html?q={term}\t0\t0\t0\t0\t{visit.ConsoleErrors.Count}\t{visit.ExternalRequests.Count}");
                problems.AddRange(visit.ConsoleErrors.Select(e => $"search {term}: {e}"));
                problems.AddRange(visit.ExternalRequests.Select(r => $"search {term}: requested outside the site: {r}"));
                if (!results.Any(r => r.StartsWith(lecture, StringComparison.Ordinal)))
                    problems.Add($"search for {term} found no section of {lecture}: {string.Join(", ", results)}");
                if (TexCommand().Match(VisibleText(visit.Dom)) is { Success: true } tex) problems.Add($"search for {term}: a snippet shows TeX: {tex.Value}");
            }

            rows.Add(string.Create(CultureInfo.InvariantCulture, $"# {book.Pages.Count} pages built in {buildSeconds:F1} s; charts {drawn}/{charts} drawn; formulas {rendered}/{formulas} typeset; search {string.Join("; ", hits.Select(h => h.Key + ": " + h.Value))}"));
            File.WriteAllLines(Path.Combine(root, "out", "book-pages.tsv"), rows);
            Assert.True(problems.Count == 0, $"{problems.Count} problems on the book's pages:\n{string.Join("\n", problems)}");
            Assert.True(withBoth > 0, "no page of the book has both a chart and a formula; the check would not see either break.");
            Assert.True(charts > 0 && formulas > 0);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void No_solution_reaches_the_book()
    {
        var root = NotebookCli.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("coursekit-book-solutions-").FullName;
        try
        {
            // A lecture with an exercise marked both ways, its solution's output, and an instructor's note.
            var exercise = Cell.Code("var answer = Solve();\n// ### BEGIN SOLUTION\nint Solve() => 42; // secret-solution-in-region\n// ### END SOLUTION\nanswer");
            exercise.Outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["execution_count"] = 1, ["metadata"] = new JsonObject(),
                ["data"] = new JsonObject { ["text/plain"] = "secret-solution-output" } });
            var solutionCell = Cell.Code("Console.WriteLine(\"secret-solution-cell\");");
            solutionCell.Metadata["coursekit"] = new JsonObject { ["role"] = "solution" };
            var instructorCell = Cell.Markdown("secret-instructor-note");
            instructorCell.Metadata["coursekit"] = new JsonObject { ["role"] = "instructor" };
            var lecture = NotebookFile.NewPolyglot(Cell.Markdown("# 11 · Exercises\n\nAn exercise with a marked solution."), exercise, solutionCell, instructorCell);

            var chapters = new List<BookChapter> { new(BookChapterKind.Lecture, "11-exercises", lecture) };
            // The assignments' instructor sources, as they are (solutions, hidden tests, instructor cells): the builder's own student version must hold.
            foreach (var assignment in new AssignmentDefinition[] { new A1Assignment(), new A2Assignment() })
                chapters.Add(new(BookChapterKind.Assignment, assignment.Id, NotebookFile.Read(AssignmentFiles.SourceNotebook(assignment, Path.Combine(root, "assignments")))));

            var book = BookBuilder.Build(chapters, Path.Combine(work, "book"));
            var texts = Directory.EnumerateFiles(book.Folder, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}assets{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetRelativePath(book.Folder, f), File.ReadAllText);
            foreach (var secret in new[] { "BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "secret-solution", "secret-instructor" })
                Assert.True(!texts.Any(t => t.Value.Contains(secret, StringComparison.Ordinal)),
                    $"\"{secret}\" reached {string.Join(", ", texts.Where(t => t.Value.Contains(secret, StringComparison.Ordinal)).Select(t => t.Key))}");
            Assert.Contains("throw new NotImplementedException();", texts["11-exercises.html"]);
            Assert.Contains("throw new NotImplementedException();", texts["notebooks/A1.ipynb"]);

            // A marker the stubbing cannot remove (in prose) stops the build instead of being published.
            var leaky = NotebookFile.NewPolyglot(Cell.Markdown("# 12\n\n### BEGIN SOLUTION\nthe answer"));
            var error = Assert.Throws<InvalidDataException>(() => BookBuilder.Build([new(BookChapterKind.Lecture, "12-leaky", leaky)], Path.Combine(work, "book")));
            Assert.Contains("BEGIN SOLUTION", error.Message);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Book_without_an_executed_course_says_to_run_it_first()
    {
        var root = NotebookCli.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("coursekit-book-empty-").FullName;
        try
        {
            var (exit, _, stderr) = NotebookCli.Run(TimeSpan.FromMinutes(2), "book", "--executed", Path.Combine(work, "nothing"),
                "--notebooks", Path.Combine(root, "notebooks"), "--output", Path.Combine(work, "book"));
            Assert.Equal(1, exit);
            Assert.Contains("no executed lectures", stderr);
            Assert.Contains("run notebooks", stderr);
            Assert.False(Directory.Exists(Path.Combine(work, "book")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    // What a reader sees: no scripts, no code, no KaTeX's hidden TeX source.
    private static string VisibleText(string dom) => Invisible().Replace(dom, "");

    // A TeX command such as \partial or \frac, with some text around it (a code string's "\n" is not one).
    [GeneratedRegex(@".{0,60}\\[A-Za-z]{3,}.{0,60}")]
    private static partial Regex TexCommand();

    [GeneratedRegex(@"<script\b.*?</script>|<annotation\b.*?</annotation>|<pre\b.*?</pre>|<code\b.*?</code>", RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex("<(?:span|div) class=\"(?<class>math(?: [^\"]*)?)\"")]
    private static partial Regex MathElement();

    [GeneratedRegex("<li class=\"search-result\"><a href=\"(?<href>[^\"]*)\"")]
    private static partial Regex SearchResult();
}
