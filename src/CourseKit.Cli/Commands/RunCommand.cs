using CourseKit.Training;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using CourseKit.Notebooks.Execution;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit run &lt;notebook|folder&gt;</c>: executes notebooks headless, each in its own child process
/// (<c>coursekit run-one</c>, hidden) with a time budget, writes executed copies (with outputs) to an output
/// folder, never over the sources, prints each notebook's wall time and exits non-zero naming the failing
/// notebook, cell and error.
/// </summary>
internal static class RunCommand
{
    private const string RunOneName = "run-one";
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A notebook (.ipynb) or a folder of notebooks (searched recursively)." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder for the executed copies (default ./out/executed). Never the source folder.",
            DefaultValueFactory = _ => Path.Combine("out", "executed"),
        };
        var timeout = new Option<int>("--timeout-per-notebook")
        {
            Description = "Seconds each notebook may take before it is stopped (default 900).",
            DefaultValueFactory = _ => 900,
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Notebooks run at the same time (default 1; each uses every core).",
            DefaultValueFactory = _ => 1,
        };
        var book = new Option<string?>("--book")
        {
            Description = "After a run in which every notebook passed, build the course website from the executed copies into this folder " +
                          "(what `coursekit book` does; the notebooks' folder gives the lectures, assignments/ the assignments).",
        };
        var command = new Command("run", "Execute notebooks headless and write executed copies with their outputs.")
        {
            path, output, timeout, jobs, book,
        };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(output)!, parse.GetValue(timeout), parse.GetValue(jobs), parse.GetValue(book)));
        return command;
    }

    /// <summary>The hidden command the parent starts for each notebook.</summary>
    public static Command CreateRunOne()
    {
        var notebook = new Argument<string>("notebook");
        var output = new Option<string>("--output") { Required = true };
        var result = new Option<string>("--result") { Required = true };
        var timeout = new Option<int>("--timeout") { DefaultValueFactory = _ => 900 };
        var command = new Command(RunOneName, "Run one notebook in this process (used by `run`).") { notebook, output, result, timeout };
        command.Hidden = true;
        command.SetAction(parse => RunOne(parse.GetValue(notebook)!, parse.GetValue(output)!, parse.GetValue(result)!, parse.GetValue(timeout)));
        return command;
    }

    private static int Run(string path, string outputFolder, int timeoutSeconds, int jobs, string? bookFolder)
    {
        var source = Path.GetFullPath(path);
        var output = Path.GetFullPath(outputFolder);
        if (timeoutSeconds <= 0 || jobs <= 0)
            return Fail("--timeout-per-notebook and --jobs must be positive.");

        var sourceFolder = File.Exists(source) ? Path.GetDirectoryName(source)! : source;
        if (SamePath(output, sourceFolder))
            return Fail($"the output folder {output} is the source folder; executed copies never go over the sources. Pick another --output (default out/executed).");

        string root;
        List<string> notebooks;
        if (File.Exists(source))
        {
            if (!source.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                return Fail($"{path} is not a notebook (.ipynb).");
            root = Path.GetDirectoryName(source)!;
            notebooks = [source];
        }
        else if (Directory.Exists(source))
        {
            root = source;
            notebooks = Directory.EnumerateFiles(source, "*.ipynb", SearchOption.AllDirectories)
                .Where(f => !IsUnder(f, output) && !Path.GetRelativePath(source, f).Split(Path.DirectorySeparatorChar)
                    .Any(part => part is ".ipynb_checkpoints" or "bin" or "obj"))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (notebooks.Count == 0) return Fail($"no notebooks (.ipynb) under {path}.");
        }
        else
        {
            return Fail($"{path} does not exist (give a notebook or a folder of notebooks).");
        }


        Console.Error.WriteLine($"Running {notebooks.Count} notebook(s) from {Relative(root)} → {Relative(output)} (budget {timeoutSeconds} s each, {jobs} at a time)");
        var results = new NotebookOutcome[notebooks.Count];
        Parallel.For(0, notebooks.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            var target = Path.Combine(output, Path.GetRelativePath(root, notebooks[i]));
            results[i] = RunChild(notebooks[i], target, TimeSpan.FromSeconds(timeoutSeconds));
            lock (results) Console.Error.WriteLine(results[i].Line());
        });

        Console.WriteLine();
        Console.WriteLine("notebook".PadRight(48) + " result   wall time");
        foreach (var r in results)
            Console.WriteLine($"{Relative(r.Notebook),-48} {(r.Succeeded ? "ok    " : "FAILED")}   {r.Elapsed.TotalSeconds,6:F1} s");
        var failed = results.Where(r => !r.Succeeded).ToList();
        Console.WriteLine($"{results.Length - failed.Count} passed, {failed.Count} failed; executed copies in {Relative(output)}");
        foreach (var f in failed)
            Console.Error.WriteLine($"FAILED {Relative(f.Notebook)}: {f.Message}");
        if (failed.Count > 0)
        {
            if (bookFolder is not null) Console.Error.WriteLine("The course website was not built: a notebook failed. Fix it and run again.");
            return 1;
        }
        if (bookFolder is null) return 0;
        Console.WriteLine();
        return BookCommand.Run(bookFolder, output, root, assignmentsFolder: null, allowUnexecuted: false);
    }

    private sealed record NotebookOutcome(string Notebook, bool Succeeded, string Message, TimeSpan Elapsed)
    {
        public string Line() => Succeeded
            ? $"  ok      {Relative(Notebook)}  ({Elapsed.TotalSeconds:F1} s)"
            : $"  FAILED  {Relative(Notebook)}  ({Elapsed.TotalSeconds:F1} s): {Message}";
    }

    /// <summary>The result file a child writes for its parent.</summary>
    private sealed record ChildResult(bool Succeeded, string Message, double Seconds);

    private static NotebookOutcome RunChild(string notebook, string target, TimeSpan budget)
    {
        var resultFile = Path.Combine(Path.GetTempPath(), $"coursekit-run-{Guid.NewGuid():N}.json");
        var start = SelfStartInfo();
        foreach (var argument in new[] { RunOneName, notebook, "--output", target, "--result", resultFile, "--timeout", ((int)budget.TotalSeconds).ToString() })
            start.ArgumentList.Add(argument);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;

        var stopwatch = Stopwatch.StartNew();
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start a child process");
        var name = Path.GetFileName(notebook);
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"    [{name}] {e.Data}"); };
        child.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"    [{name}] {e.Data}"); };
        child.BeginErrorReadLine();
        child.BeginOutputReadLine();

        // The child stops itself at the budget (naming the cell); the parent kills it if it does not.
        if (!child.WaitForExit(budget + KillGrace))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            return new NotebookOutcome(notebook, false,
                $"timed out: still running after {budget.TotalSeconds:F0} s (+{KillGrace.TotalSeconds:F0} s grace) and was killed; raise --timeout-per-notebook or shorten the notebook.",
                stopwatch.Elapsed);
        }
        child.WaitForExit(); // flush the redirected streams

        try
        {
            if (!File.Exists(resultFile))
                return new NotebookOutcome(notebook, false, $"the notebook's process ended (exit code {child.ExitCode}) without a result; see its output above.", stopwatch.Elapsed);
            var result = JsonSerializer.Deserialize<ChildResult>(File.ReadAllText(resultFile))!;
            return new NotebookOutcome(notebook, result.Succeeded, result.Message, stopwatch.Elapsed);
        }
        finally
        {
            File.Delete(resultFile);
        }
    }

    /// <summary>How to start this same CLI again (apphost, or <c>dotnet CourseKit.Cli.dll</c>).</summary>
    /// <summary>A start of this same program (through the dotnet host when it runs as a .dll).</summary>
    internal static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(RunCommand).Assembly.Location);
        return start;
    }

    private static int RunOne(string notebook, string output, string resultFile, int timeoutSeconds)
    {
        var stopwatch = Stopwatch.StartNew();
        ChildResult result;
        var exitCode = 1;
        try
        {
            // TorchSharp is not loaded here: every notebook loads it itself with Course.Start() (as in Polyglot),
            // and a notebook that does not use it starts faster.
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
            var log = Console.Error;
            var progress = new ProgressCallback<CellRun>(run => log.WriteLine(
                $"{(run.Result.Succeeded ? "ok" : "FAILED")}  code cell {run.CodeCellNumber}/{run.CodeCellCount}  {run.Location}  {run.Result.Elapsed.TotalSeconds:F2} s"));
            var run = NotebookRunner.RunFileAsync(notebook, progress, budget.Token).GetAwaiter().GetResult();
            NotebookFile.Write(run.Executed, output);
            var message = run.Failure is null ? "" :
                budget.IsCancellationRequested ? $"{run.Failure.Location}: ran out of the {timeoutSeconds} s budget ({run.Failure.Error.EValue})"
                : run.Failure.ToString();
            result = new ChildResult(run.Succeeded, message, stopwatch.Elapsed.TotalSeconds);
            exitCode = run.Succeeded ? 0 : 1;
        }
        catch (NotebookFormatException e)
        {
            result = new ChildResult(false, $"not a valid notebook: {e.Message}", stopwatch.Elapsed.TotalSeconds);
            exitCode = 2;
        }
        catch (Exception e)
        {
            result = new ChildResult(false, $"the engine failed: {e.GetType().Name}: {e.Message}", stopwatch.Elapsed.TotalSeconds);
            exitCode = 3;
        }
        File.WriteAllText(resultFile, JsonSerializer.Serialize(result));
        return exitCode;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"coursekit run: {message}");
        return 2;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static bool IsUnder(string file, string folder) =>
        Path.GetFullPath(file).StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path relative to the current folder when it is under it, else the full path.</summary>
    private static string Relative(string path) =>
        IsUnder(path, Environment.CurrentDirectory) ? Path.GetRelativePath(Environment.CurrentDirectory, path) : path;
}
