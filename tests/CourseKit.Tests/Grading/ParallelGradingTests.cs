using CourseKit.Grading;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 8: <c>grade -j N</c> grades a batch in N grader processes (shards), each with its own sandboxed
/// children, and joins their gradebooks in the batch's order.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class ParallelGradingTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    /// <summary>Six submissions: four malformed (graded without a child) and two untouched stubs.</summary>
    private static string Batch(string name)
    {
        string folder = Path.Combine(Fixture.Scratch, name);
        Directory.CreateDirectory(folder);
        for (int k = 0; k < 4; k++) File.WriteAllText(Path.Combine(folder, $"broken-{k}.ipynb"), "not a notebook " + k);
        for (int k = 0; k < 2; k++) File.WriteAllText(Path.Combine(folder, $"stub-{k}.ipynb"), Fixture.Generated.StudentNotebookJson);
        return folder;
    }

    [Fact]
    public void Shards_grade_disjoint_parts_and_merge_into_the_batch_order()
    {
        string folder = Batch("shards");
        string outDir = Path.Combine(Fixture.Scratch, "shards-out");
        var grader = new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            Sandbox = Fixture.Sandbox, Questions = new HashSet<string> { "q1" },
        });

        var first = GradingRun.GradeFolder(grader, folder, outDir, shard: new Shard(0, 2));
        var second = GradingRun.GradeFolder(grader, folder, outDir, shard: new Shard(1, 2));
        GradingRun.MergeShards(outDir, 2);

        Assert.Equal(["broken-0", "broken-2", "stub-0"], first.Select(r => r.Submission));
        Assert.Equal(["broken-1", "broken-3", "stub-1"], second.Select(r => r.Submission));
        string[] rows = File.ReadAllLines(Path.Combine(outDir, "gradebook.csv"));
        Assert.Equal(["submission", "\"broken-0\"", "\"broken-1\"", "\"broken-2\"", "\"broken-3\"", "\"stub-0\"", "\"stub-1\""],
            rows.Select(r => r.Split(',')[0]));
        Assert.Equal(["gradebook.csv"], Directory.GetFiles(outDir).Select(Path.GetFileName));
        Assert.Equal(6, Directory.GetDirectories(outDir).Length);
    }

    [Fact]
    public void Grade_dash_j_2_runs_two_grader_processes_and_writes_one_gradebook()
    {
        string folder = Batch("cli-jobs");
        string outDir = Path.Combine(Fixture.Scratch, "cli-jobs-out");
        string cli = Path.Combine(AppContext.BaseDirectory, "CourseKit.Cli.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            [cli, "grade", folder, "--assignment", "A1", "--out", outDir, "-j", "2", "--questions", "q1"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "grade -j 2 did not finish in 5 minutes");
        string log = output.Result + errors.Result;
        Assert.True(process.ExitCode == 0, log);

        Assert.Contains("Graded the batch in 2 processes", log);
        Assert.Contains("Graded 3 submissions", log); // each shard reports its own three
        string[] rows = File.ReadAllLines(Path.Combine(outDir, "gradebook.csv"));
        Assert.Equal(7, rows.Length);
        Assert.Equal(["\"broken-0\"", "\"broken-1\"", "\"broken-2\"", "\"broken-3\"", "\"stub-0\"", "\"stub-1\""], rows.Skip(1).Select(r => r.Split(',')[0]));
        Assert.All(rows.Skip(1), r => Assert.Contains(",0,0,6,", r)); // q1 0, score 0, max 6
        Assert.False(Directory.EnumerateFiles(outDir, "gradebook.part-*").Any());
    }
}
