using CourseKit.Assignments;
using static TorchSharp.torch;

namespace CourseKit.Grading.Assignments;

/// <summary>The comparisons checks use; every one runs in the trusted parent.</summary>
public static class Judge
{
    /// <summary>The returned tensor matches <paramref name="expected"/> within a relative error of <paramref name="tolerance"/>.</summary>
    public static Verdict Close(object? actual, Tensor expected, double tolerance)
    {
        string? problem = SelfCheck.Compare(actual, expected, tolerance, out string detail);
        return problem is null ? Verdict.Pass(detail) : Verdict.Fail(problem);
    }

    /// <summary>Element <paramref name="index"/> of a returned tuple matches (for answers returning several tensors).</summary>
    public static Verdict ElementClose(object? actual, int index, string name, Tensor expected, double tolerance)
    {
        if (actual is not IReadOnlyList<object?> items)
            return Verdict.Fail($"expected a tuple, got {(actual is null ? "null" : actual.GetType().Name)}.");
        if (items.Count <= index) return Verdict.Fail($"expected a tuple of at least {index + 1} values, got {items.Count}.");
        var verdict = Close(items[index], expected, tolerance);
        return verdict with { Message = $"{name}: {verdict.Message}" };
    }

    /// <summary>Classification accuracy of returned logits (N×classes) against <paramref name="labels"/> is at least <paramref name="threshold"/>.</summary>
    public static Verdict AccuracyAtLeast(object? actual, Tensor labels, double threshold)
    {
        if (actual is not Tensor logits) return Verdict.Fail($"expected the model's output tensor, got {actual?.GetType().Name ?? "null"}.");
        if (logits.dim() != 2 || logits.shape[0] != labels.shape[0])
            return Verdict.Fail($"the model's output has shape [{string.Join(", ", logits.shape)}]; expected [{labels.shape[0]}, classes].");
        using var scope = NewDisposeScope();
        if (logits.to_type(ScalarType.Float64).isnan().any().item<bool>()) return Verdict.Fail("the model's output contains NaN.");
        double accuracy = logits.argmax(1).eq(labels).to_type(ScalarType.Float64).mean().item<double>();
        return accuracy >= threshold
            ? Verdict.Pass($"test accuracy {accuracy:P1} ≥ {threshold:P0}.")
            : Verdict.Fail($"test accuracy {accuracy:P1} < {threshold:P0}.");
    }

    /// <summary>A returned number is at most <paramref name="threshold"/> (a loss, −ELBO).</summary>
    public static Verdict AtMost(object? actual, double threshold, string what)
    {
        double? value = actual switch { double d => d, float f => f, Tensor { IsInvalid: false } t when t.numel() == 1 => t.to_type(ScalarType.Float64).item<double>(), _ => null };
        if (value is null) return Verdict.Fail($"expected a number, got {actual?.GetType().Name ?? "null"}.");
        if (double.IsNaN(value.Value)) return Verdict.Fail($"{what} is NaN.");
        return value <= threshold ? Verdict.Pass($"{what} {value:0.###} ≤ {threshold}.") : Verdict.Fail($"{what} {value:0.###} > {threshold}.");
    }

    /// <summary>A number the parent measured is at least <paramref name="threshold"/> (a sample-quality score).</summary>
    public static Verdict AtLeast(double value, double threshold, string what) =>
        double.IsNaN(value) ? Verdict.Fail($"{what} is NaN.")
        : value >= threshold ? Verdict.Pass($"{what} {value:0.###} ≥ {threshold}.")
        : Verdict.Fail($"{what} {value:0.###} < {threshold}.");
}
