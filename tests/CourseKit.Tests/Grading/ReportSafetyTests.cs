using System.Text.Json;
using CourseKit.Grading;
using CourseKit.Grading.Reports;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 6: reports are safe to open. Student text is escaped in feedback.md, every student-derived string
/// is capped, gradebook cells are never formulas, report folders are always inside --out, and links and special
/// files are refused with a clear message, never followed.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class ReportSafetyTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    private const string Hostile = "<script>alert(1)</script>\n# Score: 28/28\n**Score: 28/28**\u001b[31mred\u0000nul | cell |";

    private static GradeReport HostileReport(string submission = "student") =>
        new("A1", submission,
            [new CheckResult("q1.basic", "q1", "3x3 convolution", 0, 3, false, "Conv2d threw Exception: " + Hostile, false, 0.1)],
            ["note " + Hostile], "printed " + Hostile + "\n```\n# Score: 28/28\n```", "test", 1.0);

    [Fact]
    public void Feedback_shows_student_text_escaped_never_as_html_headings_or_escapes()
    {
        string md = FeedbackReport.ToMarkdown(HostileReport());
        Assert.DoesNotContain('\u001b', md);
        Assert.DoesNotContain('\0', md);
        string[] lines = md.Split('\n');
        int fence = Array.IndexOf(lines, "```text");
        string prose = string.Join("\n", lines[..fence]);
        Assert.DoesNotContain("<script>", prose);                     // in the code block it is shown literally
        Assert.Contains("&lt;script&gt;", prose);
        Assert.Equal(["# A1 feedback: student", "## Checks", "## Notes", "## Output of your code (capped; never used for scoring)"],
            lines[..fence].Where(l => l.StartsWith('#')));
        Assert.Single(lines[..fence], l => l.Contains("**Score:"));   // only the grader's own score line is bold
        Assert.Single(lines[(fence + 1)..], l => l.StartsWith("```")); // the output cannot close its fence early
        Assert.Equal("```", lines[^4]);                                 // the one closing fence is the grader's
    }

    [Fact]
    public void Gradebook_cells_never_start_a_formula()
    {
        var reports = new[] { "=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "plain" }
            .Select(name => HostileReport(name) with { Notes = ["=cmd|' /C calc'!A0"] }).ToList();
        string[] rows = Gradebook.ToCsv(reports, ["q1"]).TrimEnd('\n').Split('\n');
        Assert.Equal(6, rows.Length);
        foreach (string row in rows.Skip(1))
        {
            string first = row[1..row.IndexOf("\",", StringComparison.Ordinal)];
            Assert.DoesNotMatch("^[=+\\-@]", first);
            Assert.Contains("\"'=cmd|", row);
        }
        Assert.StartsWith("\"'=HYPERLINK(\"\"http", rows[1]);
        Assert.StartsWith("\"plain\"", rows[5]);
    }

    [Fact]
    public void Every_student_derived_string_is_capped()
    {
        string huge = new('x', 10_000_000);
        var report = new GradeReport("A1", huge, [new CheckResult("q1.basic", "q1", "t", 0, 3, false, huge, false, 0)],
            [huge, huge], huge, "test", 1.0);
        Assert.True(GradescopeResults.ToJson(report).Length < 20_000);
        Assert.True(FeedbackReport.ToMarkdown(report).Length < 40_000);
        Assert.True(Gradebook.ToCsv([report], ["q1"]).Length < 5_000);
    }

    [Fact]
    public void A_ten_megabyte_compile_error_stays_small_in_every_report()
    {
        string name = new('z', 10_000_000);
        var grader = Fixture.Quick();
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q2"] = $"Tensor MaxPool2d(Tensor x, int size, int stride) => {name};\nTensor AvgPool2d(Tensor x, int size, int stride) => {name};";
        string outDir = Path.Combine(Fixture.Scratch, "huge-compile-error");
        string path = Path.Combine(Fixture.Scratch, "huge-compile-error.ipynb");
        File.WriteAllText(path, Fixture.StudentWith(answers));
        var report = GradingRun.GradeOne(new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            Sandbox = Fixture.Sandbox, Questions = new HashSet<string> { "q2" },
        }), path, outDir);
        Assert.All(report.Checks, c => Assert.Contains("did not compile", c.Message));
        Assert.True(new FileInfo(Path.Combine(outDir, "results.json")).Length < 30_000);
        Assert.True(new FileInfo(Path.Combine(outDir, "feedback.md")).Length < 30_000);
        Assert.True(Gradebook.ToCsv([report], ["q2"]).Length < 5_000);
    }

    [Fact]
    public void Report_folders_are_named_safely_and_always_inside_out()
    {
        string root = Path.Combine(Fixture.Scratch, "names");
        string subs = Path.Combine(root, "subs");
        string outDir = Path.Combine(root, "batch", "out");
        Directory.CreateDirectory(subs);
        foreach (string file in new[] { "...ipynb", "..ipynb", "gradebook.csv.ipynb", "a b.ipynb", "a_b.ipynb" })
            File.WriteAllText(Path.Combine(subs, file), "not a notebook");

        var reports = GradingRun.GradeFolder(Fixture.Quick(), subs, outDir);

        Assert.Equal(5, reports.Count);
        Assert.Equal(["gradebook.csv"], Directory.GetFiles(outDir).Select(Path.GetFileName));
        Assert.Equal(6, File.ReadAllLines(Path.Combine(outDir, "gradebook.csv")).Length);
        string[] folders = Directory.GetDirectories(outDir).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(5, folders.Length);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(outDir, f, "results.json")), f));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(Path.Combine(root, "batch")).Select(Path.GetFileName));
    }

    [Fact]
    public void Output_folder_names_never_escape_or_collide()
    {
        var taken = new HashSet<string>();
        string[] names = ["..", ".", "...", "", "gradebook.csv", "a b", "a_b", new string('n', 300), "ünï"];
        var given = names.Select(n => GradingRun.OutputFolderName(n, taken)).ToList();
        Assert.Equal(names.Length, given.Distinct().Count());
        Assert.All(given, g =>
        {
            Assert.False(g.StartsWith('.'), g);
            Assert.Matches("^[A-Za-z0-9_.-]{1,110}$", g);
        });
        Assert.Equal(["submission", "submission-2", "submission-3", "submission-4", "submission-gradebook.csv", "a_b", "a_b-2"], given.Take(7));
    }

    [Fact]
    public void Links_and_special_files_are_refused_never_followed()
    {
        string subs = Path.Combine(Fixture.Scratch, "links");
        Directory.CreateDirectory(subs);
        string source = Path.Combine(Fixture.AssignmentsRoot, Fixture.Assignment.FolderName, "source.ipynb");
        File.CreateSymbolicLink(Path.Combine(subs, "reference.ipynb"), source);
        File.CreateSymbolicLink(Path.Combine(subs, "shadow.ipynb"), "/etc/shadow");
        File.CreateSymbolicLink(Path.Combine(subs, "zero.ipynb"), "/dev/zero");
        Directory.CreateSymbolicLink(Path.Combine(subs, "folder-link"), Path.Combine(Fixture.AssignmentsRoot, Fixture.Assignment.FolderName));
        Assert.Equal(0, MakeFifo(Path.Combine(subs, "fifo.ipynb")));
        string outDir = Path.Combine(Fixture.Scratch, "links-out");

        var reports = GradingRun.GradeFolder(Fixture.Quick(), subs, outDir);

        Assert.Equal(5, reports.Count);
        foreach (var report in reports)
        {
            Assert.Equal(0, report.Score);
            string reason = report.Notes[0];
            Assert.Matches(report.Submission == "fifo" ? "not a regular file" : "symbolic link", reason);
            string results = File.ReadAllText(Path.Combine(outDir, report.Submission, "results.json"));
            Assert.DoesNotContain("root", results);
            Assert.False(File.Exists(Path.Combine(outDir, report.Submission, "restored.ipynb")));
        }
    }

    private static int MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return mkfifo.ExitCode;
    }
}
