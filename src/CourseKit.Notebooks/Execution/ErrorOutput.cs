namespace CourseKit.Notebooks.Execution;

/// <summary>An exception or compile error that stopped a cell.</summary>
/// <param name="EName">The error's type name, e.g. <c>CompilationError</c> or <c>System.InvalidOperationException</c>.</param>
/// <param name="EValue">The message, naming the cell and line where known.</param>
/// <param name="Traceback">Lines of the trace.</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : NotebookOutput;
