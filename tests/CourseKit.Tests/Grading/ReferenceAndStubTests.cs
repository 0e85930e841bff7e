using CourseKit.Grading.Reports;

namespace CourseKit.Tests.Grading;

/// <summary>The instructor's reference earns every point; the untouched student notebook earns none.</summary>
[Collection("Sandboxed grading")]
public sealed class ReferenceAndStubTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    [Fact]
    public void Reference_passes_every_check_of_q1_to_q4_in_process()
    {
        var report = Fixture.QuickReferenceInProcess;
        Assert.All(report.Checks, c => Assert.True(c.Passed, $"{c.Id}: {c.Message}"));
        Assert.Equal(23, report.MaxScore);
        Assert.Equal(report.MaxScore, report.Score);
    }

    [Fact]
    public void Reference_notebook_graded_in_the_sandbox_earns_full_score_including_training()
    {
        // Time limits ×3: this machine is shared; the CLI's --time-scale does the same on a slow grading host.
        var report = Fixture.Full(timeScale: 3).Grade("reference", Fixture.Reference);
        Assert.All(report.Checks, c => Assert.True(c.Passed, $"{c.Id}: {c.Message}"));
        Assert.Equal(Fixture.Assignment.MaxScore, report.Score);
        Assert.Equal(28, report.MaxScore);
    }

    [Fact]
    public void Untouched_student_notebook_scores_zero_with_not_implemented_reasons()
    {
        var report = Fixture.Full().Grade("stub", Fixture.Generated.StudentNotebookJson);
        Assert.Equal(0, report.Score);
        Assert.Equal(28, report.MaxScore);
        Assert.All(report.Checks, c => Assert.Contains("not implemented", c.Message));
    }
}
