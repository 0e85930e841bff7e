using CourseKit.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Layers;

public class GradCheckTests
{
    [Fact]
    public void Relative_error_is_cs231n_elementwise_maximum()
    {
        using var x = tensor(new[] { 1.0, 2.0, 0.0 });
        using var y = tensor(new[] { 1.1, 2.0, 0.0 });
        // |1 − 1.1| / (1 + 1.1) = 0.047619…; the equal elements give 0, the zero pair gives 0 / 1e-8 = 0.
        Assert.Equal(0.1 / 2.1, GradCheck.RelativeError(x, y), 12);
        Assert.Equal(0.0, GradCheck.RelativeError(x, x));
        using var z = zeros(2);
        var e = Assert.Throws<ArgumentException>(() => GradCheck.RelativeError(x, z));
        Assert.Contains("same shape", e.Message);
    }

    [Fact]
    public void Numerical_gradient_of_a_cubic_matches_the_closed_form()
    {
        using var x = tensor(new[] { -1.5, 0.3, 2.0, 0.7 }, dtype: float32).reshape(2, 2);
        // f(x) = Σ x³  ⇒  ∂f/∂x = 3x²
        using var numeric = GradCheck.NumericalGradient(p => p.pow(3).sum(), x);
        using var exact = 3 * x.to_type(float64).pow(2);
        Assert.Equal(float64, numeric.dtype);
        Assert.Equal(new long[] { 2, 2 }, numeric.shape);
        Assert.True(GradCheck.RelativeError(numeric, exact) < 1e-8);
        Assert.Equal(new[] { -1.5f, 0.3f, 2.0f, 0.7f }, x.reshape(-1).data<float>().ToArray()); // x untouched
    }

    [Fact]
    public void Numerical_gradient_with_upstream_is_the_vector_jacobian_product()
    {
        using var x = tensor(new[] { 0.1, -0.4, 1.2 });
        using var upstream = tensor(new[] { 2.0, -1.0, 0.5 });
        // f = sin(x) elementwise; ∂(Σ sin(x)·u)/∂x = cos(x)·u
        using var numeric = GradCheck.NumericalGradient(p => p.sin(), x, upstream);
        using var exact = x.cos() * upstream;
        Assert.True(GradCheck.RelativeError(numeric, exact) < 1e-8);
    }

    [Fact]
    public void A_function_that_is_not_scalar_gets_a_clear_error()
    {
        using var x = ones(3, dtype: float64);
        var e = Assert.Throws<ArgumentException>(() => GradCheck.NumericalGradient(p => p * 2, x));
        Assert.Contains("one number", e.Message);
        using var wrong = ones(2, dtype: float64);
        e = Assert.Throws<ArgumentException>(() => GradCheck.NumericalGradient(p => p * 2, x, wrong));
        Assert.Contains("upstream has shape [2]", e.Message);
    }

    [Fact]
    public void Checks_are_named_and_tabulated()
    {
        using var a = tensor(new[] { 1.0, 2.0 });
        using var b = tensor(new[] { 1.0, 2.2 });
        var good = GradCheck.Check("same", a, a);
        var bad = GradCheck.Check("different", a, b);
        Assert.True(good.Passed);
        Assert.False(bad.Passed);
        Assert.Equal(0.2 / 4.2, bad.RelativeError, 12);
        var table = GradCheck.Table([good, bad]);
        Assert.Contains("<td>different</td><td style=\"text-align:right\">4.76E-002</td><td>✗</td>", table.Data["text/html"]);
        Assert.EndsWith("FAILED", table.ToString());
    }
}
