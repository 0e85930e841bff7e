using CourseKit.Grading.Reports;

namespace CourseKit.Grading;

/// <summary>Grades a submission file or a folder of them and writes every report (results.json, feedback.md, gradebook.csv).</summary>
public static class GradingRun
{
    /// <summary>
    /// The submissions in a folder: every .ipynb directly inside, and every sub-folder holding .ipynb files (one
    /// submission per sub-folder, its first notebook by name — Gradescope and LMS exports look like that). Links are
    /// listed, not followed: grading refuses them with a clear note.
    /// </summary>
    public static IReadOnlyList<(string Name, string Path)> Discover(string folder)
    {
        var found = Directory.EnumerateFiles(folder, "*.ipynb").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), f)).ToList();
        foreach (string sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (new DirectoryInfo(sub).LinkTarget is not null)
            {
                found.Add((Path.GetFileName(sub), sub)); // graded as refused: links are never followed
                continue;
            }
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
    /// <remarks>
    /// Each submission's folder name is derived from its name (<see cref="OutputFolderName"/>) and always lies inside
    /// <paramref name="outDirectory"/>; whatever one submission holds, the others are graded and the gradebook is written.
    /// </remarks>
    /// <param name="grader">The grader.</param>
    /// <param name="folder">The submissions.</param>
    /// <param name="outDirectory">Where every report goes.</param>
    /// <param name="progress">Told of each report as it is written.</param>
    /// <param name="cancel">Stops the batch between submissions.</param>
    /// <param name="shard">Grade only this shard's submissions and write its part of the gradebook (null: all, gradebook.csv).</param>
    public static IReadOnlyList<GradeReport> GradeFolder(Grader grader, string folder, string outDirectory,
        IProgress<GradeReport>? progress = null, CancellationToken cancel = default, Shard? shard = null)
    {
        var reports = new List<GradeReport>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var submissions = Discover(folder);
        for (int position = 0; position < submissions.Count; position++)
        {
            var (name, path) = submissions[position];
            string target = Inside(outDirectory, OutputFolderName(name, taken)); // every shard names every folder alike
            if (shard is not null && !shard.Takes(position)) continue;
            cancel.ThrowIfCancellationRequested();
            var report = GradeOneGuarded(grader, path, target, name);
            reports.Add(report);
            progress?.Report(report);
        }
        Directory.CreateDirectory(outDirectory);
        File.WriteAllText(shard?.GradebookPart(outDirectory) ?? Path.Combine(outDirectory, "gradebook.csv"),
            Gradebook.ToCsv(reports, GradebookQuestions(grader)));
        return reports;
    }

    /// <summary>The gradebook's question columns: the questions the grader grades.</summary>
    private static List<string> GradebookQuestions(Grader grader) =>
        grader.Assignment.Questions.Select(q => q.Id).Where(grader.Grades).ToList();

    /// <summary>
    /// Joins the gradebook parts of <paramref name="count"/> shards into gradebook.csv, in the batch's order (shard k
    /// graded submissions k, k + count, …), and deletes the parts.
    /// </summary>
    /// <exception cref="FileNotFoundException">A shard wrote no part (it crashed); its reports say how far it got.</exception>
    public static void MergeShards(string outDirectory, int count)
    {
        var parts = Enumerable.Range(0, count).Select(k => new Shard(k, count).GradebookPart(outDirectory)).ToList();
        foreach (string part in parts)
            if (!File.Exists(part)) throw new FileNotFoundException($"the grader process of shard {part} wrote no gradebook part; it stopped before the end of its submissions.", part);
        var rows = parts.Select(p => File.ReadAllLines(p)).ToList();
        var merged = new List<string> { rows[0][0] };
        for (int row = 1; rows.Any(r => row < r.Length); row++)
            foreach (var part in rows)
                if (row < part.Length) merged.Add(part[row]);
        File.WriteAllText(Path.Combine(outDirectory, "gradebook.csv"), string.Join("\n", merged) + "\n");
        foreach (string part in parts) File.Delete(part);
    }

    /// <summary>Grades one submission of a batch; a failure to write its reports is noted in the gradebook, never thrown.</summary>
    private static GradeReport GradeOneGuarded(Grader grader, string path, string target, string name)
    {
        try
        {
            return GradeOne(grader, path, target, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var report = grader.Grade(name, "") with { Notes = [$"the reports could not be written to {target}: {e.Message}"] };
            return report;
        }
    }

    /// <summary>Names the batch itself writes into the output folder; no submission folder may take them.</summary>
    private static readonly string[] Reserved = ["gradebook.csv", "results.json", "feedback.md", "restored.ipynb"];

    /// <summary>
    /// A folder name for a submission's reports: letters, digits, '-', '_' and '.' kept (others become '_'), no leading
    /// dot (so never ".", ".." or hidden), at most 100 characters, never one of the batch's own file names, and
    /// unique in the batch (a number is appended), so two submissions never share a folder.
    /// </summary>
    /// <param name="name">The submission's name (file or folder name, student-chosen).</param>
    /// <param name="taken">Names already given in this batch; the new name is added.</param>
    public static string OutputFolderName(string name, ISet<string> taken)
    {
        string safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).TrimStart('.');
        if (safe.Length > 100) safe = safe[..100];
        if (safe.Length == 0) safe = "submission";
        else if (Reserved.Contains(safe, StringComparer.OrdinalIgnoreCase)) safe = "submission-" + safe;
        string unique = safe;
        for (int n = 2; !taken.Add(unique); n++) unique = $"{safe}-{n}";
        return unique;
    }

    /// <summary>The child folder's full path, checked to lie strictly inside <paramref name="outDirectory"/>.</summary>
    private static string Inside(string outDirectory, string child)
    {
        string root = Path.GetFullPath(outDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(root, child));
        if (!full.StartsWith(root, StringComparison.Ordinal) || full.Length <= root.Length)
            throw new InvalidOperationException($"the report folder {full} would lie outside {root}.");
        return full;
    }
}
