namespace CourseKit.Runtime;

/// <summary>
/// How far oneDNN's convolution gradients are from ATen's for one <see cref="ConvolutionCase"/>, over several repeats.
/// Each error is relative: <c>max|a − b| / max(|b|)</c>, the largest over the repeats.
/// </summary>
/// <param name="Case">The configuration measured.</param>
/// <param name="OutputError">Forward output, oneDNN against ATen.</param>
/// <param name="InputGradientError">dL/dx, oneDNN against ATen.</param>
/// <param name="WeightGradientError">dL/dw, oneDNN against ATen.</param>
/// <param name="RepeatSpread">The largest relative difference between two oneDNN runs on the same inputs (0 when deterministic).</param>
/// <param name="Tolerance">The relative error above which a gradient counts as wrong.</param>
public sealed record ConvolutionProbeResult(
    ConvolutionCase Case, double OutputError, double InputGradientError, double WeightGradientError,
    double RepeatSpread, double Tolerance)
{
    /// <summary>True when the forward pass and both gradients agree within <see cref="Tolerance"/> in every repeat.</summary>
    public bool Agrees => OutputError <= Tolerance && InputGradientError <= Tolerance && WeightGradientError <= Tolerance
                          && RepeatSpread <= Tolerance;
}
