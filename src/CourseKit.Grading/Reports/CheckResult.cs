namespace CourseKit.Grading.Reports;

/// <summary>One check's result, decided by the parent.</summary>
/// <param name="Id">The check id ("q1.padding").</param>
/// <param name="Question">Its question.</param>
/// <param name="Title">What it checks.</param>
/// <param name="Score">Points earned.</param>
/// <param name="MaxScore">Points possible.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Message">Why (compile error, exception, timeout, numeric difference…).</param>
/// <param name="Hidden">Whether it is a hidden check (its inputs are not shown).</param>
/// <param name="Seconds">How long the student's call took.</param>
public sealed record CheckResult(string Id, string Question, string Title, double Score, double MaxScore, bool Passed,
    string Message, bool Hidden, double Seconds);
