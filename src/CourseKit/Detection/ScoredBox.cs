namespace CourseKit.Detection;

/// <summary>A detector's answer: a box, a class and a confidence.</summary>
/// <param name="Box">Where.</param>
/// <param name="Label">Which class, 0-based.</param>
/// <param name="Score">How sure (higher is surer).</param>
public readonly record struct ScoredBox(Box Box, int Label, float Score);
