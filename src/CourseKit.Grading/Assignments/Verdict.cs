using static TorchSharp.torch;

namespace CourseKit.Grading.Assignments;

/// <summary>A check's verdict, decided in the parent.</summary>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Message">Why, for the student's report.</param>
public sealed record Verdict(bool Passed, string Message)
{
    /// <summary>A pass, with what was measured.</summary>
    public static Verdict Pass(string message) => new(true, message);

    /// <summary>A failure, with the reason.</summary>
    public static Verdict Fail(string message) => new(false, message);
}
