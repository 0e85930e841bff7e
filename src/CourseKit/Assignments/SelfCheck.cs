using System.Net;
using CourseKit.Layers;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Assignments;

/// <summary>
/// The visible checks students run in their notebook: each compares their answer with a value computed another way
/// (TorchSharp's own op, a closed form, autograd) and shows pass/fail with the reason. Hidden checks are never here;
/// the autograder runs them with other inputs.
/// </summary>
public static class SelfCheck
{
    /// <summary>Compares an answer with the expected tensor: type, shape, NaN, then relative error ≤ <paramref name="tolerance"/>.</summary>
    /// <param name="name">What is being checked.</param>
    /// <param name="answer">Calls the student's code (exceptions, including NotImplementedException, become a failing reason).</param>
    /// <param name="expected">The value computed another way.</param>
    /// <param name="tolerance">The largest relative error that passes.</param>
    public static SelfCheckResult Close(string name, Func<object?> answer, Tensor expected, double tolerance = 1e-5) =>
        Guarded(name, () =>
        {
            var actual = answer();
            string? problem = Compare(actual, expected, tolerance, out string detail);
            if (problem is not null && actual is Tensor got && got.shape.SequenceEqual(expected.shape) && expected.numel() <= SmallEnoughToShow)
                problem += $" Got {Values(got)}, expected {Values(expected)}.";
            return new SelfCheckResult(name, problem is null, problem ?? detail);
        });

    /// <summary>A failing comparison of at most this many numbers shows them (the notebook's self-checks only, never the autograder's hidden checks).</summary>
    private const int SmallEnoughToShow = 8;

    private static string Values(Tensor t)
    {
        using var scope = NewDisposeScope();   // detach, to_type and flatten each make a tensor
        var flat = t.detach().to_type(ScalarType.Float64).flatten();
        return "[" + string.Join(", ", flat.data<double>().ToArray().Select(v => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture))) + "]";
    }

    /// <summary>
    /// The comparison the autograder uses too: null when <paramref name="actual"/> matches, else the reason.
    /// </summary>
    public static string? Compare(object? actual, Tensor expected, double tolerance, out string detail)
    {
        detail = "";
        if (actual is not Tensor tensor)
            return $"expected a Tensor, got {(actual is null ? "null" : actual.GetType().Name)}.";
        if (tensor.IsInvalid) return "the returned tensor was already disposed.";
        if (!tensor.shape.SequenceEqual(expected.shape))
            return $"wrong shape: got {ShapeText.Of(tensor)}, expected {ShapeText.Of(expected)}.";
        if (!tensor.is_floating_point() && expected.is_floating_point())
            return $"wrong dtype: got {tensor.dtype}, expected a floating-point tensor ({expected.dtype}).";
        using (var nan = tensor.to_type(ScalarType.Float64).isnan().any())
            if (nan.item<bool>()) return "the result contains NaN.";
        double error = GradCheck.RelativeError(tensor, expected);
        if (double.IsNaN(error) || error > tolerance)
            return $"values differ: relative error {NumberText.Scientific(error)} > tolerance {NumberText.Scientific(tolerance)}.";
        detail = $"relative error {NumberText.Scientific(error)} ≤ {NumberText.Scientific(tolerance)}.";
        return null;
    }

    /// <summary>Passes when <paramref name="value"/> is at least <paramref name="threshold"/> (accuracy, a score).</summary>
    public static SelfCheckResult AtLeast(string name, Func<double> value, double threshold) =>
        Guarded(name, () =>
        {
            double v = value();
            return new SelfCheckResult(name, v >= threshold, $"{v:0.####} {(v >= threshold ? "≥" : "<")} {threshold:0.####}.");
        });

    /// <summary>Passes when <paramref name="value"/> is at most <paramref name="threshold"/> (a loss, −ELBO in nats).</summary>
    public static SelfCheckResult AtMost(string name, Func<double> value, double threshold) =>
        Guarded(name, () =>
        {
            double v = value();
            bool passed = v <= threshold;   // NaN never passes
            return new SelfCheckResult(name, passed, $"{v:0.####} {(passed ? "≤" : double.IsNaN(v) ? "is not ≤" : ">")} {threshold:0.####}.");
        });

    // Runs a check that calls the student's code; a stub or an exception becomes a failing result with a reason.
    private static SelfCheckResult Guarded(string name, Func<SelfCheckResult> check)
    {
        try
        {
            return check();
        }
        catch (NotImplementedException)
        {
            return new SelfCheckResult(name, false, "not implemented yet (the stub still throws NotImplementedException).");
        }
        catch (Exception e)
        {
            return new SelfCheckResult(name, false, $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Shows <see cref="Results"/>(<paramref name="question"/>, <paramref name="results"/>) in the notebook: the check cell's last line.</summary>
    public static void Show(string question, params SelfCheckResult[] results) => Output.Display(Results(question, results));

    /// <summary>A question's self-check results as a small pass/fail table.</summary>
    public static RichOutput Results(string question, params SelfCheckResult[] results) =>
        Table(question, results, "visible checks", footer: "The autograder also runs hidden checks with other inputs.");

    /// <summary>
    /// Shows a lecture exercise's self-check results as a pass/fail table. Exercises are not graded: there are no hidden
    /// checks, and a stub that still throws shows "not implemented yet" instead of stopping the notebook.
    /// </summary>
    /// <example>
    /// <code>
    /// using CourseKit.Assignments;
    /// using static TorchSharp.torch;
    ///
    /// Tensor Square(Tensor x) => x * x;   // the student's answer
    /// var x = arange(4.0);
    /// SelfCheck.Exercise("Exercise 1 · square", SelfCheck.Close("x²", () => Square(x), x.pow(2)));
    /// </code>
    /// </example>
    public static RichOutput Exercise(string exercise, params SelfCheckResult[] results) =>
        Table(exercise, results, "checks", footer: "Self-checks are for you: nothing here is graded.");

    private static RichOutput Table(string question, SelfCheckResult[] results, string checks, string footer)
    {
        int passed = results.Count(r => r.Passed);
        var html = new System.Text.StringBuilder();
        html.Append($"<b>{WebUtility.HtmlEncode(question)}: {passed}/{results.Length} {checks} pass</b>");
        html.Append("<table><tr><th></th><th>check</th><th>reason</th></tr>");
        var plain = new System.Text.StringBuilder($"{question}: {passed}/{results.Length} {checks} pass\n");
        foreach (var r in results)
        {
            string mark = r.Passed ? "✔" : "✘";
            html.Append($"<tr><td>{mark}</td><td>{WebUtility.HtmlEncode(r.Name)}</td><td>{WebUtility.HtmlEncode(r.Reason)}</td></tr>");
            plain.Append($"  {mark} {r.Name}: {r.Reason}\n");
        }
        html.Append($"</table><i>{WebUtility.HtmlEncode(footer)}</i>");
        return RichOutput.Html(html.ToString(), plain.ToString());
    }
}
