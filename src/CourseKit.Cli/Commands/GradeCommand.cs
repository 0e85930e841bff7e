using CourseKit.Training;
using System.CommandLine;
using System.Diagnostics;
using CourseKit.Grading;
using CourseKit.Grading.Assignments;
using CourseKit.Grading.Isolation;
using CourseKit.Grading.Reports;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit grade &lt;submission.ipynb | folder&gt; --assignment A1 [--out DIR]</c>: grades one submission or a folder of
/// them. Student code runs in a sandboxed child per submission; this process decides every score.
/// </summary>
internal static class GradeCommand
{
    public static Command Create()
    {
        var submission = new Argument<string>("submission") { Description = "A submitted .ipynb, or a folder of submissions (batch mode)." };
        var assignment = AssignmentCatalog.IdOption();
        var output = new Option<string>("--out", "-o") { Description = "Where results.json, feedback.md (and gradebook.csv) go.", DefaultValueFactory = _ => "out/grades" };
        var assignments = AssignmentCatalog.FolderOption();
        var master = new Option<string?>("--master") { Description = "A master.json from `assign generate` (default: generated from the source notebook)." };
        var single = new Option<bool>("--single") { Description = "The folder holds ONE submission (Gradescope's /autograder/submission)." };
        var questions = new Option<string?>("--questions") { Description = "Grade only these questions, comma-separated (e.g. q1,q2)." };
        var timeScale = new Option<double>("--time-scale") { Description = "Multiply every check's time limit (slow machines).", DefaultValueFactory = _ => 1.0 };
        var memory = new Option<int>("--memory-mb") { Description = "Memory cap of the child process in MiB.", DefaultValueFactory = _ => 2048 };
        var budget = new Option<double>("--budget-seconds") { Description = "Wall-clock budget per submission in seconds, scaled by --time-scale (0: none); checks left when it runs out score 0 and the report says so.", DefaultValueFactory = _ => 300 };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Grade N submissions at once (N grader processes, each with its own sandboxed children).", DefaultValueFactory = _ => 1 };
        var shard = new Option<string?>("--shard") { Description = "Grade only shard k/n of the batch (set by -j; k counts from 0)." };
        var noNamespaces = new Option<bool>("--no-namespaces") { Description = "Do not use Linux namespaces (when unshare is not permitted); weaker isolation." };
        var command = new Command("grade", "Grade a submission (or a folder of submissions) in a sandbox; write Gradescope results.json, a Markdown report and a CSV gradebook.")
        {
            submission, assignment, output, assignments, master, single, questions, timeScale, memory, budget, jobs, shard, noNamespaces,
        };
        command.SetAction(parse =>
        {
            var definition = AssignmentCatalog.Find(parse.GetValue(assignment)!);
            string root = AssignmentFiles.AssignmentsRoot(parse.GetValue(assignments));
            string? masterPath = parse.GetValue(master);
            MasterCopy copy = masterPath is not null ? MasterCopy.Read(masterPath)
                : AssignmentGenerator.FromSource(definition, root).Master;
            var part = parse.GetValue(shard) is string text ? Shard.Parse(text) : null;
            // The shards of `-j N` share the cores: each grader and its children get 1/N of the threads. libtorch's
            // OpenMP threads spin while they wait, so N shards of all-core threads slow each other down (100 A1
            // submissions on 2 cores, both shards at 2 threads: -j 2 took 278 s against 226 s for -j 1).
            int threads = Math.Max(1, SandboxOptions.DefaultTorchThreads / (part?.Count ?? 1));
            TorchRuntime.Initialize(threads);
            var hidden = new List<string> { Path.GetDirectoryName(root)!, "/root", "/home", "/autograder/source" };
            if (masterPath is not null) hidden.Add(Path.GetDirectoryName(Path.GetFullPath(masterPath))!);
            // The child sees neither the submissions (other students' notebooks) nor the reports (earlier restored.ipynb).
            string submissionsFolder = Path.GetFullPath(parse.GetValue(submission)!);
            hidden.Add(File.Exists(submissionsFolder) ? Path.GetDirectoryName(submissionsFolder)! : submissionsFolder);
            hidden.Add(Path.GetFullPath(Directory.CreateDirectory(parse.GetValue(output)!).FullName));
            var options = new GraderOptions
            {
                Sandbox = new SandboxOptions
                {
                    HiddenPaths = hidden,
                    MemoryLimitBytes = parse.GetValue(memory) * 1024L * 1024,
                    UseNamespaces = !parse.GetValue(noNamespaces),
                    TorchThreads = threads,
                },
                Questions = parse.GetValue(questions)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
                TimeLimitScale = parse.GetValue(timeScale),
                SubmissionBudget = parse.GetValue(budget) > 0 ? TimeSpan.FromSeconds(parse.GetValue(budget)) : null,
            };
            var grader = new Grader(definition, copy, options);
            string path = parse.GetValue(submission)!;
            string outDir = parse.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            if (File.Exists(path))
            {
                var report = GradingRun.GradeOne(grader, path, outDir);
                Console.WriteLine($"{report.Submission}: {report.Score}/{report.MaxScore} → {Path.Combine(outDir, "results.json")}, feedback.md");
                return 0;
            }
            if (!Directory.Exists(path))
            {
                Console.Error.WriteLine($"No submission at {path}: give a .ipynb file or a folder of submissions.");
                return 2;
            }
            if (parse.GetValue(single))
            {
                var notebook = GradingRun.Discover(path).Select(s => s.Path).FirstOrDefault();
                var report = notebook is null
                    ? grader.Grade("submission", "{}")
                    : GradingRun.GradeOne(grader, notebook, outDir, "submission");
                if (notebook is null) GradingRun.WriteReports(report with { Notes = ["no .ipynb file was submitted."] }, outDir);
                Console.WriteLine($"{report.Score}/{report.MaxScore} → {Path.Combine(outDir, "results.json")}");
                return 0;
            }
            int parallel = parse.GetValue(jobs);
            if (parallel > 1 && parse.GetValue(shard) is null)
                return GradeInShards(parallel, outDir, clock);
            var reports = GradingRun.GradeFolder(grader, path, outDir, new ProgressCallback<GradeReport>(r => Console.WriteLine($"  {r.Submission}: {r.Score}/{r.MaxScore} ({r.Seconds:0.0} s)")), shard: part);
            Console.WriteLine($"Graded {reports.Count} submissions in {clock.Elapsed.TotalSeconds:0.0} s → {Path.Combine(outDir, part is null ? "gradebook.csv" : Path.GetFileName(part.GradebookPart(outDir)))}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>-j N</c>: runs this same command N times with <c>--shard k/N</c> (separate processes, so the parent's own
    /// TorchSharp work stays on one thread each), waits for all, and joins their gradebook parts.
    /// </summary>
    private static int GradeInShards(int count, string outDir, Stopwatch clock)
    {
        var shards = Enumerable.Range(0, count).Select(k => StartShard(k, count)).ToList();
        foreach (var process in shards) process.WaitForExit();
        int failed = shards.Count(p => p.ExitCode != 0);
        try
        {
            GradingRun.MergeShards(outDir, count);
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        Console.WriteLine($"Graded the batch in {count} processes in {clock.Elapsed.TotalSeconds:0.0} s → {Path.Combine(outDir, "gradebook.csv")}");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>This process's command line again, without -j and with --shard k/n.</summary>
    private static Process StartShard(int index, int count)
    {
        string[] args = Environment.GetCommandLineArgs();
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        bool viaDotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet";
        if (viaDotnet) start.ArgumentList.Add(args[0]);
        for (int k = 1; k < args.Length; k++)
        {
            if (args[k] is "-j" or "--jobs") { k++; continue; }
            if (args[k].StartsWith("-j", StringComparison.Ordinal) || args[k].StartsWith("--jobs=", StringComparison.Ordinal)) continue;
            start.ArgumentList.Add(args[k]);
        }
        start.ArgumentList.Add("--shard");
        start.ArgumentList.Add($"{index}/{count}");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start a grader process for shard " + index);
    }
}
