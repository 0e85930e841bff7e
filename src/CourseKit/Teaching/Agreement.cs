using CourseKit.Runtime;
using CourseKit.Visualization;
using static TorchSharp.torch;

namespace CourseKit.Teaching;

/// <summary>
/// The check a notebook runs after writing an idea in its own cells: does the notebook's version agree with the library's
/// tested implementation (or TorchSharp's module) on the same inputs? It shows one line with the error and the tolerance,
/// and throws <see cref="DisagreementException"/> when they disagree, so the notebook, and the test suite that runs it,
/// fails instead of teaching something wrong.
/// </summary>
/// <example>
/// <code>
/// using CourseKit.Teaching;
/// using static TorchSharp.torch;
///
/// var x = randn(4, 3);
/// var mine = x.clamp_min(0);                    // the notebook's ReLU
/// var library = TorchSharp.torch.nn.functional.relu(x);
/// Agreement.Check("ReLU: notebook vs nn.functional.relu", mine, library, tolerance: 1e-7);
/// </code>
/// </example>
public static class Agreement
{
    /// <summary>
    /// Compares two tensors of the same shape. The error is relative to the library's largest value,
    /// <c>max|mine − library| / max|library|</c> (plain <c>max|mine − library|</c> when the library's values are all 0),
    /// computed in float64.
    /// </summary>
    /// <param name="what">What is compared, e.g. "conv2d: loops vs Conv2dLayer".</param>
    /// <param name="mine">The notebook's result.</param>
    /// <param name="library">The tested implementation's result on the same inputs.</param>
    /// <param name="tolerance">The largest error that counts as agreement (1e-5 suits float32, 1e-10 float64).</param>
    /// <returns>The line to show, as the cell's result.</returns>
    /// <exception cref="DisagreementException">The shapes differ, a value is NaN, or the error exceeds the tolerance.</exception>
    public static RichOutput Check(string what, Tensor mine, Tensor library, double tolerance)
    {
        if (!mine.shape.SequenceEqual(library.shape))
            throw new DisagreementException(
                $"{what}: the shapes differ, {ShapeText.Of(mine)} (notebook) vs {ShapeText.Of(library)} (library). " +
                "Check the padding, stride and the order of the dimensions (batch, channels, height, width).");
        using var scope = NewDisposeScope();
        var a = mine.detach().to_type(ScalarType.Float64);
        var b = library.detach().to_type(ScalarType.Float64);
        double difference = mine.numel() == 0 ? 0 : (a - b).abs().max().item<double>();
        double scale = library.numel() == 0 ? 0 : b.abs().max().item<double>();
        return Report(what, difference, scale, tolerance);
    }

    /// <summary>Compares two numbers (a loss, an accuracy, a determinant) the same way as two tensors.</summary>
    /// <inheritdoc cref="Check(string, Tensor, Tensor, double)" path="/param"/>
    /// <exception cref="DisagreementException">A value is NaN, or the error exceeds the tolerance.</exception>
    public static RichOutput Check(string what, double mine, double library, double tolerance) =>
        Report(what, Math.Abs(mine - library), Math.Abs(library), tolerance);

    // error = max|a − b| / max|b|, or max|a − b| when b is all zeros.
    private static RichOutput Report(string what, double difference, double scale, double tolerance)
    {
        double error = scale > 0 ? difference / scale : difference;
        string measured = $"max |Δ| = {NumberText.Scientific(difference)}, relative error {NumberText.Scientific(error)}";
        if (!(error <= tolerance))   // NaN never agrees
            throw new DisagreementException(
                $"{what}: the notebook's version and the library's disagree ({measured} > tolerance " +
                $"{NumberText.Scientific(tolerance)}). " +
                "Re-run the cells above from the top; if it still fails, compare the two step by step on a small input.");
        string line = $"✔ {what}: {measured} ≤ {NumberText.Scientific(tolerance)}";
        return RichOutput.Html($"<span>{System.Net.WebUtility.HtmlEncode(line)}</span>", line);
    }
}
