using CourseKit.Teaching;
using static TorchSharp.torch;

namespace CourseKit.Tests.Teaching;

/// <summary>The comparison a notebook runs between its own version of an idea and the library's: shown when they agree, thrown when not.</summary>
public sealed class AgreementTests
{
    [Fact]
    public void Agreement_reports_the_error_relative_to_the_librarys_largest_value()
    {
        using var library = tensor(new[] { 2.0, -4.0, 1.0 });
        using var mine = tensor(new[] { 2.0, -4.0 + 4e-6, 1.0 });
        var shown = Agreement.Check("three numbers", mine, library, tolerance: 1e-5);
        // max|Δ| = 4e-6, max|library| = 4 → relative error 1e-6.
        Assert.Equal("✔ three numbers: max |Δ| = 4e-06, relative error 1e-06 ≤ 1e-05", shown.ToString());
    }

    [Fact]
    public void Disagreement_stops_the_notebook_with_what_differs()
    {
        using var library = tensor(new[] { 1.0, 2.0 });
        using var mine = tensor(new[] { 1.0, 2.5 });
        var error = Assert.Throws<DisagreementException>(() => Agreement.Check("relu", mine, library, tolerance: 1e-3));
        Assert.Contains("relu", error.Message);
        Assert.Contains("relative error 2.5e-01 > tolerance 1e-03", error.Message);

        using var wrongShape = zeros(3);
        Assert.Contains("shapes differ, [3] (notebook) vs [2] (library)",
            Assert.Throws<DisagreementException>(() => Agreement.Check("relu", wrongShape, library, 1e-3)).Message);
        Assert.Throws<DisagreementException>(() => Agreement.Check("a loss", double.NaN, 1.0, 1e-3));
        Assert.Equal("✔ a loss: max |Δ| = 1e-04, relative error 5e-05 ≤ 1e-03", Agreement.Check("a loss", 2.0001, 2.0, 1e-3).ToString());
    }
}
