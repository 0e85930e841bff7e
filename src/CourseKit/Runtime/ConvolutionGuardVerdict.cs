using System.Globalization;

namespace CourseKit.Runtime;

/// <summary>What <see cref="ConvolutionGuard"/>'s start-up self-test measured, and whether oneDNN stayed on.</summary>
/// <param name="Results">One measurement per self-test case.</param>
/// <param name="KeepOneDnn">True when every case agreed with ATen, so oneDNN's faster kernels stay on.</param>
/// <param name="Seconds">How long the self-test took.</param>
/// <param name="Inherited">True when the verdict came from the parent process (<see cref="ConvolutionGuard.InheritedVerdictVariable"/>) instead of a test here.</param>
public sealed record ConvolutionGuardVerdict(IReadOnlyList<ConvolutionProbeResult> Results, bool KeepOneDnn, double Seconds = 0, bool Inherited = false)
{
    /// <summary>The cases where oneDNN disagreed with ATen.</summary>
    public IEnumerable<ConvolutionProbeResult> Failures => Results.Where(r => !r.Agrees);

    /// <summary>One paragraph for a person: what was found and what the kit did about it.</summary>
    public string Explanation => Inherited
        ? $"inherited from the process that started this one: oneDNN {(KeepOneDnn ? "stays on" : "is off")}."
        : KeepOneDnn
        ? string.Create(CultureInfo.InvariantCulture,
            $"oneDNN's convolution gradients agree with ATen's on this CPU in all {Results.Count} self-test cases ({ConvolutionGuard.Repeats} runs each, {Seconds:0.00} s): oneDNN stays on.")
        : "CourseKit: on this CPU, libtorch's oneDNN kernels computed wrong convolution gradients (" +
          string.Join("; ", Failures.Select(Describe)) +
          "). oneDNN is switched off for this process: every convolution now runs on ATen's own kernels, " +
          "which are right but train several times slower. See the README's known problems; " +
          "`coursekit probe convolutions` shows every affected configuration.";

    private static string Describe(ConvolutionProbeResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Case}: relative error dX {r.InputGradientError:0.0e+0}, dW {r.WeightGradientError:0.0e+0}");
}
