using System.Diagnostics;
using System.Reflection;
using CourseKit.Notebooks.Scripting;
using CourseKit.Visualization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace CourseKit.Notebooks.Execution;

/// <summary>
/// One C# session on Roslyn scripting: cells run in order and share state (each cell continues the previous
/// one's script state), with the Polyglot C# kernel's surface (see <see cref="CellDirectives"/>,
/// <see cref="KernelGlobals"/>, <see cref="KernelExtensions"/>). Console output becomes stream outputs, the
/// trailing expression becomes the execute result, errors name the cell and line. Cancelling a cell's token
/// stops it (loops and method bodies check it), and the session stays usable.
/// </summary>
public sealed class CSharpSession : INotebookSession
{
    /// <summary>The namespaces every cell sees without a using, as in the Polyglot C# kernel.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
        ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks", "CourseKit.Notebooks.Scripting"];

    private readonly KernelGlobals globals = new();
    private readonly List<string> packageSources = [];
    private ScriptOptions options;
    private ScriptState<object>? state;
    private int executionCount;
    private string? brokenBecause;

    /// <summary>Creates a session.</summary>
    /// <param name="baseDirectory">The folder relative <c>#r "x.dll"</c> paths start from (the notebook's folder); the current directory when null.</param>
    public CSharpSession(string? baseDirectory = null)
    {
        BaseDirectory = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        options = ScriptOptions.Default
            .WithReferences(DefaultReferences())
            .WithImports(DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8);
        // Warm Roslyn up in the background (the first compile costs seconds) while the host does other work;
        // the empty script's state is where the first cell continues from.
        warmUp = Task.Run(() => CSharpScript.Create("", options, typeof(KernelGlobals)).RunAsync(globals));
    }

    private readonly Task<ScriptState<object>> warmUp;

    /// <summary>How library code (<see cref="Output.Display"/>, <see cref="LiveDisplay"/>) shows values in this engine.</summary>
    private static readonly Func<object, IDisplayHandle> ShowFromLibrary = value => DisplayHandle.Show(value);

    /// <summary>The folder relative assembly paths start from.</summary>
    public string BaseDirectory { get; }

    /// <summary>How long a cancelled cell gets to stop before the session gives up on it (it is then unusable).</summary>
    public TimeSpan CancellationGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The package sources given by <c>#i</c> so far (recorded; the kit's own packages need none).</summary>
    public IReadOnlyList<string> PackageSources => packageSources;

    /// <summary>The number of cells run so far.</summary>
    public int ExecutionCount => executionCount;

    /// <inheritdoc />
    public Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, sink, null, cancellationToken);

    /// <summary>Runs one cell; errors name <paramref name="location"/> ("cell 3 (id abc), line 2: …").</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="sink">Receives the outputs as they happen.</param>
    /// <param name="location">The cell's place in its notebook; "cell N" (N = execution count) when null.</param>
    /// <param name="cancellationToken">Cancelling stops the cell.</param>
    public async Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CellLocation? location, CancellationToken cancellationToken = default)
    {
        var count = Interlocked.Increment(ref executionCount);
        var where = (location ?? new CellLocation(count, null)).ToString();
        var output = new SynchronizedSink(sink);
        ErrorOutput? error;

        await CellContext.Gate.WaitAsync(CancellationToken.None);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            CellContext.Enter(output);
            Output.SetHost(ShowFromLibrary);
            CellCancellation.Use(cancellationToken);
            using (ConsoleCapture.Redirect(output))
            {
                error = await RunCellAsync(code, where, count, output, cancellationToken);
            }
        }
        finally
        {
            CellCancellation.Use(CancellationToken.None);
            CellContext.Leave();
            CellContext.Gate.Release();
        }

        stopwatch.Stop();
        if (error is not null) output.Write(error);
        return new CellResult(error is null, error, stopwatch.Elapsed, count);
    }

    private async Task<ErrorOutput?> RunCellAsync(string code, string where, int count, IOutputSink output, CancellationToken cancellationToken)
    {
        if (brokenBecause is not null)
            return new ErrorOutput("SessionBroken", $"{where}: not run: {brokenBecause} Restart the session (or run the notebook again).", []);

        var cell = CellDirectives.Parse(code);
        if (cell.IsMarkdown) return null;
        if (cell.Unsupported is var (command, commandLine))
            return new ErrorOutput("UnsupportedKernelCommand",
                $"{where}, line {commandLine}: {command} is not supported: the kit runs C# cells (#!csharp, #!markdown, #!time, #r, #i).", []);

        var referenceError = AddReferences(cell, where);
        if (referenceError is not null) return referenceError;

        var stopwatch = Stopwatch.StartNew();
        var error = string.IsNullOrWhiteSpace(cell.Code) ? null : await RunCodeAsync(cell.Code, where, count, output, cancellationToken);
        if (cell.Time)
            Console.Out.Write($"Wall time: {stopwatch.Elapsed.TotalMilliseconds:F0} ms\n");
        return error;
    }

    private ErrorOutput? AddReferences(CellDirectives cell, string where)
    {
        packageSources.AddRange(cell.PackageSources);
        var references = new List<MetadataReference>();
        foreach (var package in cell.Packages)
        {
            try
            {
                references.AddRange(KitPackages.Resolve(package.Name, package.Version).Select(ReferenceTo));
            }
            catch (PackageNotAvailableException e)
            {
                return new ErrorOutput("PackageNotAvailable", $"{where}, line {package.Line}: {e.Message}", []);
            }
        }
        foreach (var (path, line) in cell.AssemblyPaths)
        {
            var full = Path.GetFullPath(path, BaseDirectory);
            if (!File.Exists(full))
                return new ErrorOutput("FileNotFound", $"{where}, line {line}: #r \"{path}\": no assembly at {full} (paths are relative to the notebook's folder).", []);
            references.Add(MetadataReference.CreateFromFile(full));
        }
        if (references.Count > 0) options = options.AddReferences(references);
        return null;
    }

    private async Task<ErrorOutput?> RunCodeAsync(string code, string where, int count, IOutputSink output, CancellationToken cancellationToken)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var guarded = CancellationInjector.Inject(tree.GetRoot()).ToFullString();
        var cellOptions = options.WithFilePath(where);

        // Compile first (compiling always ends; only running can hang), then run with the cancellation check armed.
        state ??= await warmUp;
        var script = state.Script.ContinueWith(guarded, cellOptions);
        var diagnostics = await Task.Run(() => script.Compile(CancellationToken.None), CancellationToken.None);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            return CompilationError(diagnostics, where);
        if (cancellationToken.IsCancellationRequested) return Cancelled(where, null);

        var previous = state;
        var run = Task.Run(() => script.RunFromAsync(previous, _ => true, cancellationToken), CancellationToken.None);

        var finished = await WaitAsync(run, cancellationToken);
        if (!finished)
        {
            brokenBecause = $"{where} was cancelled but did not stop within {CancellationGrace.TotalSeconds:F0} s (it is blocked outside C# code, e.g. in a native call).";
            return new ErrorOutput("CellTimeout", $"{where}: {brokenBecause}", []);
        }

        ScriptState<object> result;
        try
        {
            result = await run;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Cancelled(where, null);
        }

        state = result;
        if (result.Exception is { } exception)
        {
            return exception is OperationCanceledException && cancellationToken.IsCancellationRequested
                ? Cancelled(where, CellLine(exception, where))
                : RuntimeError(exception, where);
        }

        if (HasTrailingExpression(result.Script.GetCompilation()))
            output.Write(new ExecuteResultOutput(Formatter.ToMimeBundle(result.ReturnValue), count));
        return null;
    }

    /// <summary>True when the cell ends in an expression without a semicolon, of a non-void type: its value is the cell's result, as in Polyglot.</summary>
    private static bool HasTrailingExpression(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax root) return false;
        if (root.Members.LastOrDefault() is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
            { Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>Waits for the cell; after cancellation, gives it <see cref="CancellationGrace"/> to stop. False if it did not.</summary>
    private async Task<bool> WaitAsync(Task run, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource();
        using (cancellationToken.Register(() => cancelled.TrySetResult()))
        {
            if (await Task.WhenAny(run, cancelled.Task) == run) return true;
        }
        return await Task.WhenAny(run, Task.Delay(CancellationGrace)) == run;
    }

    private static ErrorOutput CompilationError(IEnumerable<Diagnostic> diagnostics, string where)
    {
        var lines = diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}: {d.GetMessage()}{Hint(d)}")
            .ToList();
        return new ErrorOutput("CompilationError", $"{where}, {string.Join("\n", lines)}", lines);
    }

    /// <summary>
    /// Says what to do about a diagnostic whose C# message misleads in a notebook. A cell is a C# script, where a line
    /// starting with <c>using</c> at top level is read as a using directive, so <c>using var x = …;</c> fails with
    /// "CS1002: ; expected" (in Polyglot Notebooks too).
    /// </summary>
    private static string Hint(Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree is not { } tree) return "";
        var line = tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString();
        return System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s*(await\s+)?using\s+var\s")
            ? " (a notebook cell is a C# script, where a top-level `using var` is not allowed: write `var x = …;` for an object the notebook keeps, or put the lines in braces: `{ using var x = …; … }`)"
            : "";
    }

    private static ErrorOutput Cancelled(string where, int? line) =>
        new("OperationCanceledException",
            $"{where}{(line is null ? "" : $", line {line}")}: stopped: the cell was cancelled (or ran out of its time budget).", []);

    private static ErrorOutput RuntimeError(Exception exception, string where)
    {
        var shown = Unwrap(exception);
        var line = CellLine(shown, where);
        var name = shown.GetType().FullName ?? shown.GetType().Name;
        var value = $"{where}{(line is null ? "" : $", line {line}")}: {shown.Message}";
        var traceback = new List<string> { $"{name}: {value}" };
        traceback.AddRange((shown.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()));
        return new ErrorOutput(name, value, traceback);
    }

    private static Exception Unwrap(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => exception,
    };

    /// <summary>The line of the cell where the exception passed through the cell's own code (its innermost frame there).</summary>
    private static int? CellLine(Exception exception, string where)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var frame = new StackTrace(e, fNeedFileInfo: true).GetFrames()
                .FirstOrDefault(f => f.GetFileName() == where && f.GetFileLineNumber() > 0);
            if (frame is not null) return frame.GetFileLineNumber();
        }
        return null;
    }

    private static MetadataReference ReferenceTo(Assembly assembly) => MetadataReference.CreateFromFile(assembly.Location);

    /// <summary>The framework (System.*) and the kit's assemblies (CourseKit, TorchSharp, Plotly.NET, …).</summary>
    private static IEnumerable<MetadataReference> DefaultReferences()
    {
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = Directory.EnumerateFiles(frameworkFolder, "*.dll")
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll")
                && !name.StartsWith("System.Private.", StringComparison.Ordinal))
            .Append(typeof(object).Assembly.Location);
        var kit = KitPackages.Assemblies.Where(a => !string.IsNullOrEmpty(a.Location)).Select(a => a.Location);
        return framework.Concat(kit).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        state = null;
    }

    private sealed class SynchronizedSink(IOutputSink inner) : IOutputSink
    {
        public void Write(NotebookOutput output)
        {
            lock (this) inner.Write(output);
        }
    }
}
