namespace CourseKit.Notebooks.Execution;

/// <summary>Text written to standard output or standard error.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, as written.</param>
public sealed record StreamOutput(string Name, string Text) : NotebookOutput;
