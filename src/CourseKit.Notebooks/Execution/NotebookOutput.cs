namespace CourseKit.Notebooks.Execution;

/// <summary>One output of a code cell, in the shape of Jupyter's output types (nbformat 4).</summary>
public abstract record NotebookOutput;

/// <summary>Text written to standard output or standard error.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, as written.</param>
public sealed record StreamOutput(string Name, string Text) : NotebookOutput;

/// <summary>A displayed value (<c>display(x)</c>, <c>x.Display()</c>), as a mime bundle.</summary>
/// <param name="Data">Mime type → content (text, or base64 for images).</param>
/// <param name="DisplayId">Set when the value can later be replaced by <see cref="UpdateDisplayDataOutput"/>.</param>
public sealed record DisplayDataOutput(IReadOnlyDictionary<string, string> Data, string? DisplayId) : NotebookOutput;

/// <summary>Replaces the content of an earlier display with the same <paramref name="DisplayId"/>.</summary>
public sealed record UpdateDisplayDataOutput(IReadOnlyDictionary<string, string> Data, string DisplayId) : NotebookOutput;

/// <summary>The value of a cell's trailing expression.</summary>
public sealed record ExecuteResultOutput(IReadOnlyDictionary<string, string> Data, int ExecutionCount) : NotebookOutput;

/// <summary>An exception or compile error that stopped a cell.</summary>
/// <param name="EName">The error's type name, e.g. <c>CompilationError</c> or <c>System.InvalidOperationException</c>.</param>
/// <param name="EValue">The message, naming the cell and line where known.</param>
/// <param name="Traceback">Lines of the trace.</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : NotebookOutput;

/// <summary>Receives a cell's outputs as they happen (so a host can stream them).</summary>
public interface IOutputSink
{
    /// <summary>Called for every output, in order.</summary>
    void Write(NotebookOutput output);
}

/// <summary>How a cell ended.</summary>
/// <param name="Succeeded">False when the cell raised, failed to compile, was cancelled or ran out of time.</param>
/// <param name="Error">The error output when it did not succeed.</param>
/// <param name="Elapsed">Wall time of the cell.</param>
/// <param name="ExecutionCount">The cell's number in the session (1, 2, …).</param>
public sealed record CellResult(bool Succeeded, ErrorOutput? Error, TimeSpan Elapsed, int ExecutionCount);

/// <summary>
/// One C# session that runs cells in order, sharing state between them, with the Polyglot C# kernel's
/// surface (#r, #i, #!time, display, trailing expression results). The headless runner, the Jupyter
/// kernel and the autograder all run code through this interface.
/// </summary>
public interface INotebookSession : IDisposable
{
    /// <summary>
    /// Runs one cell. Outputs go to <paramref name="sink"/> as they happen. Cancelling
    /// <paramref name="cancellationToken"/> stops the running cell (the session stays usable).
    /// </summary>
    Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken = default);
}
