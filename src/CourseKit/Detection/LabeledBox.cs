namespace CourseKit.Detection;

/// <summary>A true object: its box and class.</summary>
/// <param name="Box">Where it is.</param>
/// <param name="Label">Its class, 0-based.</param>
public readonly record struct LabeledBox(Box Box, int Label);
