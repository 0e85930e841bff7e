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
        var noNamespaces = new Option<bool>("--no-namespaces") { Description = "Do not use Linux namespaces (when unshare is not permitted); weaker isolation." };
        var command = new Command("grade", "Grade a submission (or a folder of submissions) in a sandbox; write Gradescope results.json, a Markdown report and a CSV gradebook.")
        {
            submission, assignment, output, assignments, master, single, questions, timeScale, memory, budget, noNamespaces,
        };
        command.SetAction(parse =>
        {
            var definition = AssignmentCatalog.Find(parse.GetValue(assignment)!);
            string root = AssignmentFiles.AssignmentsRoot(parse.GetValue(assignments));
            string? masterPath = parse.GetValue(master);
            MasterCopy copy = masterPath is not null ? MasterCopy.Read(masterPath)
                : AssignmentGenerator.FromSource(definition, root).Master;
            TorchRuntime.Initialize();
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
            var reports = GradingRun.GradeFolder(grader, path, outDir, new ProgressCallback<GradeReport>(r => Console.WriteLine($"  {r.Submission}: {r.Score}/{r.MaxScore} ({r.Seconds:0.0} s)")));
            Console.WriteLine($"Graded {reports.Count} submissions in {clock.Elapsed.TotalSeconds:0.0} s → {Path.Combine(outDir, "gradebook.csv")}");
            return 0;
        });
        return command;
    }
}
