namespace CourseKit.Notebooks.Execution;

/// <summary>How a cell ended.</summary>
/// <param name="Succeeded">False when the cell raised, failed to compile, was cancelled or ran out of time.</param>
/// <param name="Error">The error output when it did not succeed.</param>
/// <param name="Elapsed">Wall time of the cell.</param>
/// <param name="ExecutionCount">The cell's number in the session (1, 2, …).</param>
public sealed record CellResult(bool Succeeded, ErrorOutput? Error, TimeSpan Elapsed, int ExecutionCount);
