using System.Diagnostics;
using CourseKit.Grading.Assignments;
using CourseKit.Grading.Compilation;
using CourseKit.Grading.Isolation;
using CourseKit.Grading.Reports;
using CourseKit.Notebooks.Model;
using static TorchSharp.torch;

namespace CourseKit.Grading;

/// <summary>
/// Grades one submission: extracts answer cells by id, restores locked and check cells from the master copy (and
/// reports changes), compiles each answer on its own, runs the checks' calls in a sandboxed child (a fresh one after
/// any crash or timeout), and decides every score in this process from the values the child returns.
/// </summary>
public sealed class Grader(AssignmentDefinition assignment, MasterCopy master, GraderOptions? options = null)
{
    private readonly GraderOptions options = options ?? new GraderOptions();
    [ThreadStatic] private static double startSeconds;

    /// <summary>The assignment being graded.</summary>
    public AssignmentDefinition Assignment => assignment;

    /// <summary>Grades a submission file; never throws for anything the submission contains.</summary>
    /// <param name="submissionPath">The .ipynb file.</param>
    /// <param name="restoredPath">Where to write the restored notebook (locked/check cells from the master copy), or null.</param>
    public GradeReport GradeFile(string submissionPath, string? restoredPath = null)
    {
        string name = Path.GetFileNameWithoutExtension(submissionPath);
        string text;
        try
        {
            if (RefusedFile(submissionPath) is string refused) return Unreadable(name, refused);
            text = File.ReadAllText(submissionPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(name, "the file could not be read: " + e.Message);
        }
        return Grade(name, text, restoredPath);
    }

    /// <summary>
    /// Why a submission path is not read, or null when it is a plain file of a sane size. Links are never followed (a
    /// link to the instructor's notebook or to /etc/shadow is refused before it is opened), and neither are folders,
    /// devices, pipes or sockets (on Linux they report a length of 0, as does an empty file; none is a notebook).
    /// </summary>
    internal static string? RefusedFile(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            return "the submission is a symbolic link, and links are never followed; submit the notebook file itself.";
        if (!info.Exists)
            return Directory.Exists(path) ? "the submission is a folder, not a notebook file." : "the submission file does not exist.";
        if (info.Length == 0)
            return "the submission is empty or not a regular file (a device, pipe or socket); submit the notebook file itself.";
        if (info.Length > MaxNotebookBytes)
            return $"the file is {info.Length / (1024 * 1024)} MiB; a notebook over {MaxNotebookBytes / (1024 * 1024)} MiB is not graded.";
        return null;
    }

    /// <summary>The largest notebook file graded.</summary>
    public const long MaxNotebookBytes = 50L * 1024 * 1024;

    /// <summary>
    /// Grades a submission given as notebook JSON text. Never throws, whatever the text holds: a failure of the grader
    /// itself on this submission becomes a zero report that says so, and the batch goes on.
    /// </summary>
    public GradeReport Grade(string submissionName, string notebookJson, string? restoredPath = null)
    {
        try
        {
            return GradeText(submissionName, notebookJson, restoredPath);
        }
        catch (Exception e)
        {
            return Unreadable(submissionName, $"the grader failed on this submission ({e.GetType().Name}: " +
                $"{WorkerProtocol.Cap(e.Message, 300)}); it was not graded. Tell your instructor, who can rerun it.");
        }
    }

    private GradeReport GradeText(string submissionName, string notebookJson, string? restoredPath)
    {
        var clock = Stopwatch.StartNew();
        startSeconds = 0;
        var (repairedJson, repairs) = CellIdRepair.Repair(notebookJson);
        Notebook submission;
        try
        {
            submission = NotebookFile.Parse(repairedJson, submissionName);
        }
        catch (NotebookFormatException e)
        {
            return Unreadable(submissionName, "the submission is not a readable notebook: " + e.Message);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            return Unreadable(submissionName, "the submission is not a readable notebook: a string in it holds a lone " +
                "UTF-16 surrogate (an escape such as \\ud800 with no partner), which is not text. Save the notebook again in Jupyter or VS Code.");
        }
        var notes = new List<string>(repairs);
        var answers = ExtractAnswers(submission, notes, restoredPath);
        var compiled = Compile(answers, notes, outside: true);
        double compileSeconds = clock.Elapsed.TotalSeconds;
        var (results, output, isolation) = RunChecks(compiled, notes, clock);
        isolation += $" (compiling took {compileSeconds:0.0} s, starting children {startSeconds:0.0} s)";
        return new GradeReport(assignment.Id, submissionName, results, notes, output, isolation, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Grades the instructor's reference answers in this process (trusted code only): the quick "reference passes
    /// every check" run for the instructor's test suite.
    /// </summary>
    public GradeReport GradeReferenceInProcess(IReadOnlyDictionary<string, string> referenceAnswers)
    {
        var clock = Stopwatch.StartNew();
        var notes = new List<string>();
        var compiled = Compile(referenceAnswers, notes, outside: false);
        var assemblies = compiled.Where(c => c.Value.Succeeded).ToDictionary(c => c.Key, c => c.Value.Assembly!);
        using var runner = new InProcessRunner(assemblies);
        var shared = new Dictionary<string, CheckResult>();
        var results = SelectedChecks().Select(check => RunCheck(check, compiled, runner, shared, TimeSpan.MaxValue)).ToList();
        return new GradeReport(assignment.Id, "reference (in-process)", results, notes, "", "the grader's own process (reference only)", clock.Elapsed.TotalSeconds);
    }

    /// <summary>Whether this grader grades <paramref name="question"/> (all questions unless the options select some).</summary>
    public bool Grades(string question) => options.Questions is null || options.Questions.Contains(question);

    private IEnumerable<Check> SelectedChecks() =>
        assignment.Checks.Where(c => options.Questions is null || options.Questions.Contains(c.Question));

    private GradeReport Unreadable(string name, string reason)
    {
        var results = SelectedChecks().Select(c => Failed(c, reason)).ToList();
        return new GradeReport(assignment.Id, name, results, [reason], "", "not started", 0);
    }

    /// <summary>Answer sources by question; locked/check cells compared with the master copy and restored.</summary>
    private Dictionary<string, string> ExtractAnswers(Notebook submission, List<string> notes, string? restoredPath)
    {
        // The parser has already refused duplicate ids, so every id names one cell.
        var byId = submission.Cells.Where(c => c.Id is not null).ToDictionary(c => c.Id!);
        int extra = submission.CodeCells.Count(c => c.Id is null || master.Cells.All(m => m.Id != c.Id));
        var answers = new Dictionary<string, string>();
        var restored = new List<Cell>();
        foreach (var cell in master.Cells)
        {
            byId.TryGetValue(cell.Id, out var found);
            if (cell.Role == CellRole.Answer)
            {
                if (found is null)
                    notes.Add($"answer cell {cell.Id} ({cell.Question}) is missing; {cell.Question} is graded as unanswered.");
                answers[cell.Question!] = found?.Source ?? cell.Source;
                restored.Add(found ?? MasterCellCopy(cell));
                continue;
            }
            string what = cell.Role == CellRole.CheckCell ? "check cell" : "locked cell";
            if (found is null) notes.Add($"{what} {cell.Id} was removed; it was restored from the master copy.");
            else if (MasterCopy.Checksum(found.Source) != cell.Checksum)
                notes.Add($"{what} {cell.Id} was changed; it was restored from the master copy (your changes are ignored).");
            restored.Add(MasterCellCopy(cell));
        }
        if (extra > 0) notes.Add($"{extra} code cell(s) not in the assignment were ignored (only answer cells are graded).");
        if (restoredPath is not null) WriteRestored(submission, restored, restoredPath);
        return answers;
    }

    /// <summary>The cell as the student received it (Polyglot C# metadata plus its kit role).</summary>
    private static Cell MasterCellCopy(MasterCell cell)
    {
        var copy = Cell.Code(cell.Source, cell.Id);
        copy.Metadata["coursekit"] = CellRole.Metadata(cell.Role, cell.Question);
        return copy;
    }

    /// <summary>Writes the submission with its cells replaced by <paramref name="cells"/> (notebook metadata kept).</summary>
    private static void WriteRestored(Notebook submission, List<Cell> cells, string path)
    {
        var copy = new Notebook(cells, submission.Metadata, submission.NbFormat, submission.NbFormatMinor);
        foreach (var (key, value) in submission.Extra) copy.Extra[key] = value?.DeepClone();
        NotebookFile.Write(copy, path);
    }

    /// <summary>
    /// Compiles each answer on its own: a submission's in a compiler process with limits (<paramref name="outside"/>),
    /// so a compile bomb costs only its answer; the instructor's trusted reference in this process.
    /// </summary>
    private Dictionary<string, CompiledAnswer> Compile(IReadOnlyDictionary<string, string> answers, List<string> notes, bool outside)
    {
        var compiled = new Dictionary<string, CompiledAnswer>();
        CompilerProcess? compiler = null;
        try
        {
            foreach (var question in assignment.Questions)
            {
                if (options.Questions is not null && !options.Questions.Contains(question.Id)) continue;
                if (!answers.TryGetValue(question.Id, out string? source)) continue;
                compiled[question.Id] = outside
                    ? AnswerCompiler.CompileOutside(ref compiler, StartCompiler, question.Id, source, question.ForbiddenCalls, RulesOf(question), options.CompileTimeLimit)
                    : AnswerCompiler.Compile(question.Id, source, question.ForbiddenCalls, RulesOf(question));
            }
        }
        finally
        {
            compiler?.Dispose();
        }
        foreach (var (question, result) in compiled)
            if (!result.Succeeded) notes.Add($"{question} did not compile: {string.Join("; ", result.Errors)}");
        return compiled;
    }

    // The question's rules; the sandbox's own tests lift the .NET allow-list to show the sandbox contains what it lets through.
    private AnswerRules RulesOf(Question question)
    {
        var rules = question.Rules ?? AnswerRules.Library;
        return options.TestTheSandboxWithAnyDotNet ? rules with { AnyDotNet = true } : rules;
    }

    private CompilerProcess StartCompiler() => CompilerProcess.Start(
        options.Sandbox.WorkerPath ?? Path.Combine(AppContext.BaseDirectory, "CourseKit.GradingWorker.dll"), options.CompileMemoryBytes);

    /// <summary>The submission's budget after scaling, or null when there is none.</summary>
    private TimeSpan? Budget => options.SubmissionBudget * options.TimeLimitScale;

    /// <summary>How much of the budget is left after <paramref name="spent"/> (TimeSpan.MaxValue without a budget).</summary>
    private TimeSpan Remaining(TimeSpan spent) => Budget is TimeSpan budget ? budget - spent : TimeSpan.MaxValue;

    private (List<CheckResult>, string, string) RunChecks(Dictionary<string, CompiledAnswer> compiled, List<string> notes, Stopwatch clock)
    {
        int skipped = 0;
        var assemblies = compiled.Where(c => c.Value.Succeeded).ToDictionary(c => c.Key, c => c.Value.Assembly!);
        var output = new CappedOutput(options.Sandbox.OutputCapBytes);
        var results = new List<CheckResult>();
        var shared = new Dictionary<string, CheckResult>();
        WorkerHost? worker = null;
        string isolation = "not started (nothing compiled)";
        try
        {
            foreach (var check in SelectedChecks())
            {
                if (NotRunnable(check, compiled) is string reason)
                {
                    results.Add(Failed(check, reason));
                    continue;
                }
                if (shared.Remove(check.Id, out var judgedAlready))
                {
                    results.Add(judgedAlready);
                    continue;
                }
                if (Remaining(clock.Elapsed) <= TimeSpan.Zero)
                {
                    skipped++;
                    results.Add(Failed(check, $"not run: the submission's time budget of {Budget!.Value.TotalSeconds:0} s was used up by earlier checks."));
                    continue;
                }
                if (worker is null || !worker.Alive)
                {
                    if (worker is not null) notes.Add($"a fresh child process was started for {check.Id} after the previous one stopped.");
                    worker?.Dispose();
                    var start = Stopwatch.StartNew();
                    worker = StartWorker(assemblies, output, out string? startError);
                    startSeconds += start.Elapsed.TotalSeconds;
                    if (worker is null)
                    {
                        results.Add(Failed(check, "the sandboxed child could not be started: " + startError));
                        continue;
                    }
                    isolation = worker.Isolation;
                }
                results.Add(RunCheck(check, compiled, worker, shared, Remaining(clock.Elapsed)));
            }
        }
        finally
        {
            worker?.Dispose();
        }
        if (skipped > 0)
            notes.Add($"the submission's wall-clock budget of {Budget!.Value.TotalSeconds:0} s ran out; {skipped} check(s) were not run and score 0.");
        return (results, output.ToString(), isolation);
    }

    /// <summary>A fresh child with the answers loaded, or null and why it could not start (a broken first message, a timeout).</summary>
    private WorkerHost? StartWorker(Dictionary<string, byte[]> assemblies, CappedOutput output, out string? error)
    {
        error = null;
        try
        {
            return WorkerHost.Start(options.Sandbox, assemblies, output);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or TimeoutException or IOException
            or System.Net.Sockets.SocketException)
        {
            error = WorkerProtocol.Cap(e.Message, 500);
            return null;
        }
    }

    /// <summary>
    /// Runs one check: builds its input, calls the answer once, judges the value. Checks that share this check's call
    /// (<see cref="Check.SharesCallOf"/>) are judged here too, on the same value while its tensors are alive, and their
    /// results are left in <paramref name="shared"/> for when their turn comes.
    /// </summary>
    /// <param name="check">The check to run.</param>
    /// <param name="compiled">Every compiled answer.</param>
    /// <param name="runner">The child (or, for the reference, this process).</param>
    /// <param name="shared">Results of checks judged on an earlier call.</param>
    /// <param name="remaining">What is left of the submission's budget; the call is stopped when it runs out.</param>
    private CheckResult RunCheck(Check check, Dictionary<string, CompiledAnswer> compiled, IAnswerRunner runner,
        Dictionary<string, CheckResult> shared, TimeSpan remaining)
    {
        if (NotRunnable(check, compiled) is string reason)
            return Failed(check, reason);
        if (shared.Remove(check.Id, out var judgedAlready)) return judgedAlready;
        if (runner.LoadErrors.TryGetValue(check.Question, out string? loadError))
            return Failed(check, "the answer could not be loaded: " + loadError);
        using var scope = NewDisposeScope();
        manual_seed(check.Seed);
        var input = check.Arrange();
        var limit = TimeSpan.FromSeconds(check.TimeLimit.TotalSeconds * options.TimeLimitScale);
        var clock = Stopwatch.StartNew();
        bool budgetBinds = remaining < limit;
        var outcome = runner.Call(new Invocation(check.Question, input.Method, input.Arguments, check.Seed, input.ApplyTo),
            budgetBinds ? remaining : limit);
        if (budgetBinds && outcome is TimedOut) outcome = new OutOfBudget(Budget!.Value);
        double seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        foreach (var sharer in SelectedChecks().Where(c => c.SharesCallOf == check.Id))
            shared[sharer.Id] = Result(sharer, JudgeOutcome(sharer, input, outcome), seconds: 0);
        return Result(check, JudgeOutcome(check, input, outcome), seconds);
    }

    private static Verdict JudgeOutcome(Check check, CheckInput input, CallOutcome outcome) => outcome switch
    {
        Returned r => JudgeSafely(check, input, r.Value),
        Threw { ExceptionType: nameof(NotImplementedException) } => Verdict.Fail("not implemented (the stub still throws NotImplementedException)."),
        Threw t => Verdict.Fail($"{input.Method} threw {t.ExceptionType}: {t.Message}"),
        TimedOut t => Verdict.Fail($"timed out: no result within {t.Limit.TotalSeconds:0.#} s; the child was stopped and the remaining checks ran in a fresh one."),
        Crashed c => Verdict.Fail("no result: " + c.Reason),
        ProtocolViolation v => Verdict.Fail("no result: " + v.Reason),
        OutOfBudget b => Verdict.Fail($"stopped: the submission's time budget of {b.Budget.TotalSeconds:0} s ran out during this call; the child was stopped."),
        _ => Verdict.Fail("no result."),
    };

    private static CheckResult Result(Check check, Verdict verdict, double seconds) =>
        new(check.Id, check.Question, check.Title, verdict.Passed ? check.Points : 0, check.Points,
            verdict.Passed, verdict.Message, check.Visibility == Visibility.Hidden, seconds);

    /// <summary>Why the check's answer cannot be called (no answer cell, or it did not compile), or null when it can.</summary>
    private static string? NotRunnable(Check check, Dictionary<string, CompiledAnswer> compiled) =>
        !compiled.TryGetValue(check.Question, out var answer) ? "no answer cell."
        : answer.Succeeded ? null
        : "the answer did not compile: " + string.Join("; ", answer.Errors);

    private static Verdict JudgeSafely(Check check, CheckInput input, object? value)
    {
        try
        {
            return check.Judge(input, value);
        }
        catch (Exception e)
        {
            return Verdict.Fail($"the returned value could not be judged ({e.GetType().Name}: {WorkerProtocol.Cap(e.Message, 300)}).");
        }
    }

    private static CheckResult Failed(Check check, string reason) =>
        new(check.Id, check.Question, check.Title, 0, check.Points, false, reason, check.Visibility == Visibility.Hidden, 0);
}
