using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// Gradient checking, as in cs231n: compare an analytic gradient (a layer's backward, or autograd) with a
/// numerical one from central finite differences, in float64.
/// </summary>
/// <example>
/// <code>
/// var x = torch.randn(4, 5, dtype: torch.float64);
/// var upstream = torch.randn(4, 5, dtype: torch.float64);
/// var numerical = GradCheck.NumericalGradient(v => v.relu(), x, upstream);
/// var analytic = upstream * (x > 0).to(torch.float64);            // ReLU's backward: pass the gradient where x > 0
/// double error = GradCheck.RelativeError(numerical, analytic);     // ≈ 1e-10 when the backward is right
/// </code>
/// </example>
public static class GradCheck
{
    /// <summary>
    /// cs231n's relative error: max over elements of |x − y| / max(1e-8, |x| + |y|). Around 1e-7 or less means the two
    /// agree; 1e-2 or more usually means a bug.
    /// </summary>
    /// <param name="x">One tensor (any floating dtype; compared in float64).</param>
    /// <param name="y">The other, of the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static double RelativeError(Tensor x, Tensor y)
    {
        if (!x.shape.SequenceEqual(y.shape))
            throw new ArgumentException(
                $"RelativeError compares tensors of the same shape, but got {ShapeText.Of(x)} and {ShapeText.Of(y)}.");
        if (x.numel() == 0) return 0;
        using var scope = NewDisposeScope();
        var a = x.detach().to_type(float64);
        var b = y.detach().to_type(float64);
        var error = (a - b).abs() / (a.abs() + b.abs()).clamp_min(1e-8);
        return error.max().item<double>();
    }

    /// <summary>
    /// The gradient of a scalar function by central differences: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, one
    /// element at a time, in float64. <paramref name="f"/> receives a float64 copy of <paramref name="x"/> (changed in
    /// place between calls) and must return a tensor with one element.
    /// </summary>
    /// <param name="f">The function; must not keep or modify its argument.</param>
    /// <param name="x">The point at which to differentiate (not modified).</param>
    /// <param name="h">The step; 1e-6 balances truncation error (∝ h²) against round-off (∝ 1e-16/h) in float64.</param>
    /// <returns>A float64 tensor shaped like <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="f"/> does not return a single number.</exception>
    public static Tensor NumericalGradient(Func<Tensor, Tensor> f, Tensor x, double h = 1e-6)
    {
        if (h <= 0) throw new ArgumentOutOfRangeException(nameof(h), h, "the finite-difference step h must be positive (try 1e-6)");
        using var point = x.detach().to_type(float64).contiguous().clone();
        using var flat = point.view(-1);
        var values = flat.data<double>();
        var gradient = new double[flat.numel()];
        for (long i = 0; i < gradient.Length; i++)
        {
            double original = values[i];
            values[i] = original + h;
            double plus = Evaluate(f, point);
            values[i] = original - h;
            double minus = Evaluate(f, point);
            values[i] = original;
            gradient[i] = (plus - minus) / (2 * h);
        }
        return tensor(gradient, dtype: float64).reshape(x.shape);
    }

    /// <summary>
    /// The gradient, with respect to <paramref name="x"/>, of Σ f(x) ⊙ upstream for a tensor-valued f: what a
    /// layer's backward returns when the gradient arriving from above is <paramref name="upstream"/> (cs231n's
    /// <c>eval_numerical_gradient_array</c>).
    /// </summary>
    /// <param name="f">The layer's forward as a function of one input.</param>
    /// <param name="x">The point at which to differentiate (not modified).</param>
    /// <param name="upstream">∂L/∂f(x), shaped like f(x).</param>
    /// <param name="h">The finite-difference step.</param>
    public static Tensor NumericalGradient(Func<Tensor, Tensor> f, Tensor x, Tensor upstream, double h = 1e-6)
    {
        using var weights = upstream.detach().to_type(float64);
        return NumericalGradient(input =>
        {
            var output = f(input);
            if (!output.shape.SequenceEqual(weights.shape))
                throw new ArgumentException(
                    $"upstream has shape {ShapeText.Of(weights)} but f(x) has shape {ShapeText.Of(output)}; they must match.");
            return (output.to_type(float64) * weights).sum();
        }, x, h);
    }

    /// <summary>Compares an analytic gradient with a reference (numerical or autograd) and names the result.</summary>
    /// <param name="name">What was checked, e.g. "Conv2d dx".</param>
    /// <param name="analytic">The gradient from a backward pass.</param>
    /// <param name="reference">The gradient it should equal.</param>
    /// <param name="tolerance">The largest relative error that counts as a pass.</param>
    public static GradCheckResult Check(string name, Tensor analytic, Tensor reference, double tolerance = 1e-6) =>
        new(name, RelativeError(analytic, reference), tolerance);

    /// <summary>Results as a table (HTML with a text fallback), one row per check.</summary>
    public static RichOutput Table(IEnumerable<GradCheckResult> results)
    {
        var rows = results.ToList();
        var html = new StringBuilder("<table><thead><tr><th>check</th><th>relative error</th><th></th></tr></thead><tbody>");
        var text = new StringBuilder();
        foreach (var r in rows)
        {
            string error = r.RelativeError.ToString("E2", CultureInfo.InvariantCulture);
            html.Append($"<tr><td>{WebUtility.HtmlEncode(r.Name)}</td><td style=\"text-align:right\">{error}</td><td>{(r.Passed ? "✓" : "✗")}</td></tr>");
            text.AppendLine($"{r.Name,-32} {error,10} {(r.Passed ? "ok" : "FAILED")}");
        }
        html.Append("</tbody></table>");
        return RichOutput.Html(html.ToString(), text.ToString().TrimEnd());
    }

    private static double Evaluate(Func<Tensor, Tensor> f, Tensor point)
    {
        using var scope = NewDisposeScope();
        var value = f(point);
        if (value.numel() != 1)
            throw new ArgumentException(
                $"NumericalGradient needs f to return one number but it returned shape {ShapeText.Of(value)}; " +
                "sum it, or use the overload that takes the upstream gradient.");
        return value.to_type(float64).item<double>();
    }
}
