namespace CourseKit.Notebooks.Execution;

/// <summary>The value of a cell's trailing expression.</summary>
public sealed record ExecuteResultOutput(IReadOnlyDictionary<string, string> Data, int ExecutionCount) : NotebookOutput;
