namespace CourseKit.Notebooks.Execution;

/// <summary>Replaces the content of an earlier display with the same <paramref name="DisplayId"/>.</summary>
public sealed record UpdateDisplayDataOutput(IReadOnlyDictionary<string, string> Data, string DisplayId) : NotebookOutput;
