namespace CourseKit.Grading.Reports;

/// <summary>The whole grade of one submission.</summary>
/// <param name="Assignment">"A1".</param>
/// <param name="Submission">The submission's name (file or folder name).</param>
/// <param name="Checks">Every check's result, in order.</param>
/// <param name="Notes">What the grader noticed: changed or removed locked cells (restored), compile errors, crashes, fresh children.</param>
/// <param name="CapturedOutput">The child's stdout/stderr, capped; shown, never parsed.</param>
/// <param name="Isolation">How the child was isolated.</param>
/// <param name="Seconds">Wall time of the grading.</param>
public sealed record GradeReport(string Assignment, string Submission, IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<string> Notes, string CapturedOutput, string Isolation, double Seconds)
{
    /// <summary>Points earned.</summary>
    public double Score => Checks.Sum(c => c.Score);

    /// <summary>Points possible.</summary>
    public double MaxScore => Checks.Sum(c => c.MaxScore);

    /// <summary>Points earned per question.</summary>
    public IReadOnlyDictionary<string, double> ScoreByQuestion =>
        Checks.GroupBy(c => c.Question).ToDictionary(g => g.Key, g => g.Sum(c => c.Score));
}
