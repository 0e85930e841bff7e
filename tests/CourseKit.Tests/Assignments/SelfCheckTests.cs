using CourseKit.Assignments;
using static TorchSharp.torch;

namespace CourseKit.Tests.Assignments;

/// <summary>What a student reads under a self-check: the verdict, the error in plain scientific notation, and for a few numbers what was expected.</summary>
public sealed class SelfCheckTests
{
    [Fact]
    public void A_passing_check_shows_its_error_and_tolerance_as_people_write_them()
    {
        using var expected = tensor(new[] { 16.0, 15.0, 30.0, 8.0 });
        var result = SelfCheck.Close("sides", () => expected.clone(), expected, 1e-12);
        Assert.True(result.Passed);
        Assert.Equal("relative error 0 ≤ 1e-12.", result.Reason);
    }

    [Fact]
    public void A_failing_check_of_a_few_numbers_shows_what_was_got_and_what_was_expected()
    {
        using var expected = tensor(new[] { 16.0, 15.0, 30.0, 8.0 });
        // The off-by-one a student makes with ceil instead of floor in the output-size formula.
        var result = SelfCheck.Close("sides", () => tensor(new[] { 16.0, 16.0, 30.0, 8.0 }), expected, 0);
        Assert.False(result.Passed);
        Assert.StartsWith("values differ: relative error 3.23e-02 > tolerance 0.", result.Reason);
        Assert.EndsWith("Got [16, 16, 30, 8], expected [16, 15, 30, 8].", result.Reason);

        // Many numbers: the verdict and the error only.
        using var large = arange(20.0);
        var many = SelfCheck.Close("ramp", () => large + 1, large, 1e-6);
        Assert.DoesNotContain("expected [", many.Reason);

        var summary = SelfCheck.Exercise("Exercise 3 · pooling", result).ToString();
        Assert.Contains("Exercise 3 · pooling: 0/1 checks pass", summary);
    }

    [Fact]
    public void A_stub_reports_not_implemented_instead_of_stopping_the_notebook()
    {
        using var expected = zeros(2);
        var result = SelfCheck.Close("stub", () => throw new NotImplementedException(), expected);
        Assert.False(result.Passed);
        Assert.Contains("not implemented yet", result.Reason);
    }
}
