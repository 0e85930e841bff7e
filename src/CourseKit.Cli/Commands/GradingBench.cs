using System.Diagnostics;
using CourseKit.Grading.Assignments;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit bench --only grading</c>: grades one batch of Assignment 1 submissions with <c>grade -j 1</c> and then
/// <c>grade -j 2</c>, each a fresh process as an instructor runs it, and prints the wall time of each, the time per
/// submission and whether the two gradebooks agree. Half the submissions hold the reference answers (full marks), half
/// the untouched stubs (0); every answer cell carries a comment of its own, so no two compile alike and the grader's
/// compile cache cannot hide the cost of compiling.
/// </summary>
internal static class GradingBench
{
    public static void Run(int submissions, string? questions)
    {
        var assignment = AssignmentCatalog.Find("A1");
        var generated = AssignmentGenerator.FromSource(assignment);
        var work = Directory.CreateTempSubdirectory("coursekit-bench-grading-").FullName;
        try
        {
            var batch = WriteBatch(Path.Combine(work, "submissions"), generated, submissions);
            Console.WriteLine($"\n== Grading {submissions} A1 submissions ({(submissions + 1) / 2} reference, {submissions / 2} untouched stubs), " +
                              $"questions {questions ?? "all"}, full sandbox");
            var runs = new List<(int Jobs, double Seconds, string[] Gradebook)>();
            foreach (int jobs in new[] { 1, 2 })
            {
                var output = Path.Combine(work, $"grades-j{jobs}");
                var clock = Stopwatch.StartNew();
                int exit = Grade(batch, output, jobs, questions);
                double seconds = clock.Elapsed.TotalSeconds;
                var gradebook = Path.Combine(output, "gradebook.csv");
                var rows = File.Exists(gradebook) ? File.ReadAllLines(gradebook) : [];
                Console.WriteLine($"  grade -j {jobs}: {seconds:F1} s ({seconds / submissions:F2} s per submission), exit code {exit}, {Math.Max(0, rows.Length - 1)} gradebook rows");
                runs.Add((jobs, seconds, rows));
            }
            bool same = runs[0].Gradebook.Length == submissions + 1 && runs[0].Gradebook.SequenceEqual(runs[1].Gradebook);
            Console.WriteLine($"RESULT grading {submissions} A1 submissions: -j 1 {runs[0].Seconds:F0} s, -j 2 {runs[1].Seconds:F0} s " +
                              $"(×{runs[0].Seconds / runs[1].Seconds:F2}); gradebooks {(same ? "identical" : "DIFFER")}, {Points(runs[0].Gradebook)} points in all");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string WriteBatch(string folder, GeneratedAssignment generated, int submissions)
    {
        Directory.CreateDirectory(folder);
        var stubs = generated.Master.Answers.Where(a => a.Question is not null).ToDictionary(a => a.Question!, a => a.Source);
        for (int i = 0; i < submissions; i++)
        {
            bool reference = i % 2 == 0;
            var answers = (reference ? generated.ReferenceAnswers : stubs)
                .ToDictionary(kv => kv.Key, kv => kv.Value + $"\n// submission {i}");
            File.WriteAllText(Path.Combine(folder, $"{(reference ? "reference" : "stub")}-{i:D3}.ipynb"),
                SubmissionWriter.WithAnswers(generated.StudentNotebookJson, generated.Master, answers));
        }
        return folder;
    }

    private static int Grade(string batch, string output, int jobs, string? questions)
    {
        var start = RunCommand.SelfStartInfo();
        foreach (var argument in new[] { "grade", batch, "--assignment", "A1", "--out", output, "-j", jobs.ToString() })
            start.ArgumentList.Add(argument);
        if (questions is not null) { start.ArgumentList.Add("--questions"); start.ArgumentList.Add(questions); }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start `coursekit grade`");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) Console.Error.WriteLine(stdout.Result + stderr.Result);
        return process.ExitCode;
    }

    // The gradebook's "score" column, summed over its rows.
    private static double Points(string[] gradebook)
    {
        if (gradebook.Length < 2) return 0;
        int score = Array.IndexOf(gradebook[0].Split(','), "score");
        return gradebook.Skip(1).Sum(row => double.Parse(row.Split(',')[score], System.Globalization.CultureInfo.InvariantCulture));
    }
}
