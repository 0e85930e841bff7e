namespace CourseKit.Notebooks.Execution;

/// <summary>A displayed value (<c>display(x)</c>, <c>x.Display()</c>), as a mime bundle.</summary>
/// <param name="Data">Mime type → content (text, or base64 for images).</param>
/// <param name="DisplayId">Set when the value can later be replaced by <see cref="UpdateDisplayDataOutput"/>.</param>
public sealed record DisplayDataOutput(IReadOnlyDictionary<string, string> Data, string? DisplayId) : NotebookOutput;
