using CourseKit.Grading.Reports;

namespace CourseKit.Grading;

/// <summary>Grades a submission file or a folder of them and writes every report (results.json, feedback.md, gradebook.csv).</summary>
public static class GradingRun
{
    /// <summary>
    /// The submissions in a folder: every .ipynb directly inside, and every sub-folder holding .ipynb files (one
    /// submission per sub-folder, its first notebook by name — Gradescope and LMS exports look like that).
    /// </summary>
    public static IReadOnlyList<(string Name, string Path)> Discover(string folder)
    {
        var found = Directory.EnumerateFiles(folder, "*.ipynb").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), f)).ToList();
        foreach (string sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            string? notebook = Directory.EnumerateFiles(sub, "*.ipynb", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();
            if (notebook is not null) found.Add((Path.GetFileName(sub), notebook));
        }
        return found;
    }

    /// <summary>Grades one submission and writes results.json, feedback.md and restored.ipynb into <paramref name="outDirectory"/>.</summary>
    public static GradeReport GradeOne(Grader grader, string submissionPath, string outDirectory, string? name = null)
    {
        Directory.CreateDirectory(outDirectory);
        var report = grader.GradeFile(submissionPath, Path.Combine(outDirectory, "restored.ipynb"));
        if (name is not null) report = report with { Submission = name };
        WriteReports(report, outDirectory);
        return report;
    }

    /// <summary>Writes results.json (Gradescope) and feedback.md. The parent writes them last, over anything already there.</summary>
    public static void WriteReports(GradeReport report, string outDirectory)
    {
        Directory.CreateDirectory(outDirectory);
        File.WriteAllText(Path.Combine(outDirectory, "results.json"), GradescopeResults.ToJson(report));
        File.WriteAllText(Path.Combine(outDirectory, "feedback.md"), FeedbackReport.ToMarkdown(report));
    }

    /// <summary>Grades every submission in a folder (a fresh child each) into out/&lt;name&gt;/ and out/gradebook.csv.</summary>
    public static IReadOnlyList<GradeReport> GradeFolder(Grader grader, string folder, string outDirectory,
        IProgress<GradeReport>? progress = null, CancellationToken cancel = default)
    {
        var reports = new List<GradeReport>();
        foreach (var (name, path) in Discover(folder))
        {
            cancel.ThrowIfCancellationRequested();
            var report = GradeOne(grader, path, Path.Combine(outDirectory, Safe(name)), name);
            reports.Add(report);
            progress?.Report(report);
        }
        File.WriteAllText(Path.Combine(outDirectory, "gradebook.csv"),
            Gradebook.ToCsv(reports, grader.Assignment.Questions.Select(q => q.Id)
                .Where(q => reports.Count == 0 || reports.Any(r => r.Checks.Any(c => c.Question == q))).ToList()));
        return reports;
    }

    private static string Safe(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
