using CourseKit.Assignments.A2;
using CourseKit.Grading;
using CourseKit.Grading.Assignments;
using CourseKit.Grading.Reports;

namespace CourseKit.Tests.Grading;

/// <summary>
/// The instructor's view, one xunit test per graded check (so a TRX/JUnit report lists every check by id): the reference
/// answers pass it. Run in-process (trusted reference code only); the training questions (A1's q5, A2's q5 and q6) are
/// covered by the sandboxed full-score tests.
/// </summary>
public sealed class ReferenceChecksTests
{
    private static readonly Lazy<GradeReport> A1 = new(() => GradingFixture.Shared.Value.QuickReferenceInProcess);

    private static readonly Lazy<GradeReport> A2 = new(() =>
    {
        var assignment = new A2Assignment();
        var generated = AssignmentGenerator.FromSource(assignment);
        var options = new GraderOptions { Questions = QuickA2Questions };
        return new Grader(assignment, generated.Master, options).GradeReferenceInProcess(generated.ReferenceAnswers);
    });

    public static TheoryData<string, double> A1Checks() =>
        Data(GradingFixture.Shared.Value.Assignment.Checks.Where(c => c.Question != "q5"));

    private static readonly HashSet<string> QuickA2Questions = ["q1", "q2", "q3", "q4"];

    public static TheoryData<string, double> A2Checks() =>
        Data(new A2Assignment().Checks.Where(c => QuickA2Questions.Contains(c.Question)));

    private static TheoryData<string, double> Data(IEnumerable<Check> checks)
    {
        var data = new TheoryData<string, double>();
        foreach (var check in checks) data.Add(check.Id, check.Points);
        return data;
    }

    [Theory]
    [MemberData(nameof(A1Checks))]
    public void A1_reference_passes(string check, double points) => AssertPassed(A1.Value, check, points);

    [Theory]
    [MemberData(nameof(A2Checks))]
    public void A2_reference_passes(string check, double points) => AssertPassed(A2.Value, check, points);

    private static void AssertPassed(GradeReport report, string id, double points)
    {
        var result = report.Checks.Single(c => c.Id == id);
        Assert.True(result.Passed, $"{id}: {result.Message}");
        Assert.Equal(points, result.Score);
    }
}
