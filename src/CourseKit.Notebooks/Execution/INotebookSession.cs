namespace CourseKit.Notebooks.Execution;

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
