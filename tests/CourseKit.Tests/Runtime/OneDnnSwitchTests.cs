using CourseKit.Runtime;
using static TorchSharp.torch;

namespace CourseKit.Tests.Runtime;

[Collection(nameof(GlobalTorchState))]   // switches a process-wide libtorch flag
public class OneDnnSwitchTests
{
    [Fact]
    public void Initialize_runs_the_self_test_and_leaves_onednn_on_exactly_when_every_case_agreed()
    {
        TorchRuntime.Initialize();
        if (!OperatingSystem.IsLinux()) { Assert.Null(OneDnnSwitch.Enabled); return; }
        Assert.False(OneDnnSwitch.OffRequested, "the test run sets COURSEKIT_ONEDNN=0; unset it");
        var verdict = ConvolutionGuard.Verdict;
        Assert.NotNull(verdict);
        Assert.Equal(ConvolutionGuard.SelfTestCases, verdict.Results.Select(r => r.Case));
        Assert.Equal(verdict.Results.All(r => r.Agrees), verdict.KeepOneDnn);
        Assert.Equal(verdict.KeepOneDnn, OneDnnSwitch.Enabled);
    }

    [Fact]
    public void Every_convolution_the_kit_trains_gets_the_gradients_of_atens_float64_kernels()
    {
        // Whatever back end the guard left on, the gradients the process computes now must be right: each
        // configuration of the probe's sweep (the course's layers included), 3 runs each, against ATen in float64.
        TorchRuntime.Initialize();
        var wrong = ConvolutionGradientProbe.Sweep()
            .Select(c => ConvolutionGradientProbe.MeasureAsConfigured(c, repeats: 3))
            .Where(r => !r.Agrees)
            .Select(r => $"{r.Case}: dX {r.InputGradientError:g2}, dW {r.WeightGradientError:g2}, runs differ {r.RepeatSpread:g2}")
            .ToList();
        Assert.True(wrong.Count == 0, $"oneDNN {(OneDnnSwitch.Enabled == true ? "on" : "off")}; wrong gradients:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void The_probe_compares_onednn_with_aten_and_restores_the_flag()
    {
        TorchRuntime.Initialize();
        if (OneDnnSwitch.Enabled is not { } before) return;   // the flag is reachable on Linux only
        var result = ConvolutionGradientProbe.Measure(new ConvolutionCase(16, 8, 6, 8, 7, Padding: 3), repeats: 2);
        Assert.Equal(before, OneDnnSwitch.Enabled);
        Assert.InRange(result.OutputError, 0, 1e-4);   // the forward pass is right on every CPU measured
        Assert.True(double.IsFinite(result.InputGradientError) && double.IsFinite(result.WeightGradientError));
    }

    [Fact]
    public void A_case_agrees_only_when_every_error_is_within_tolerance_and_nan_never_agrees()
    {
        var c = new ConvolutionCase(1, 1, 4, 1, 3);
        Assert.True(new ConvolutionProbeResult(c, 1e-7, 1e-6, 1e-6, 0, 1e-4).Agrees);
        Assert.False(new ConvolutionProbeResult(c, 1e-7, 1.86, 1e-6, 0, 1e-4).Agrees);      // the issue's LeNet-5 c1 measurement
        Assert.False(new ConvolutionProbeResult(c, 1e-7, 1e-6, 1e-6, 1.3, 1e-4).Agrees);    // runs that differ from each other
        Assert.False(new ConvolutionProbeResult(c, 1e-7, double.NaN, 1e-6, 0, 1e-4).Agrees);
    }

    [Fact]
    public void A_failing_self_test_switches_onednn_off_and_says_so_once()
    {
        TorchRuntime.Initialize();
        if (OneDnnSwitch.Enabled is not { } before) return;
        var saved = ConvolutionGuard.Verdict;
        var good = new ConvolutionProbeResult(ConvolutionGuard.SelfTestCases[1], 1e-7, 5e-7, 2e-7, 0, 1e-4);
        var bad = new ConvolutionProbeResult(ConvolutionGuard.SelfTestCases[0], 3e-7, 1.86, 4e-6, 1.4, 1e-4);
        try
        {
            Assert.True(ConvolutionGuard.Decide([good, good]).KeepOneDnn);
            var verdict = ConvolutionGuard.Decide([good, bad]);
            Assert.False(verdict.KeepOneDnn);
            var log = new StringWriter();
            OneDnnSwitch.TrySet(true);
            ConvolutionGuard.Apply(verdict, log);
            Assert.Equal(false, OneDnnSwitch.Enabled);
            Assert.Same(verdict, ConvolutionGuard.Verdict);
            string said = log.ToString();
            Assert.Single(said.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("128×1×28×28 ∗ 6×1×5×5 p2", said);
            Assert.Contains("switched off", said);
            Assert.Equal(verdict, ConvolutionGuard.Run(log));   // later calls keep the first verdict and say nothing more
            Assert.Equal(said, log.ToString());
        }
        finally
        {
            ConvolutionGuard.Verdict = saved;
            OneDnnSwitch.TrySet(before);
        }
    }

    [Fact]
    public void A_child_process_takes_its_parents_verdict_without_testing_again()
    {
        TorchRuntime.Initialize();
        if (OneDnnSwitch.Enabled is not { } before) return;
        var saved = ConvolutionGuard.Verdict;
        var environment = new Dictionary<string, string?>();
        try
        {
            ConvolutionGuard.Verdict = new ConvolutionGuardVerdict([], KeepOneDnn: false);
            ConvolutionGuard.HandTo(environment);
            Assert.Equal("off", environment[ConvolutionGuard.InheritedVerdictVariable]);

            // In the child: no verdict yet, the variable set by the parent.
            ConvolutionGuard.Verdict = null;
            Environment.SetEnvironmentVariable(ConvolutionGuard.InheritedVerdictVariable, "off");
            var log = new StringWriter();
            var child = ConvolutionGuard.Run(log);
            Assert.NotNull(child);
            Assert.True(child.Inherited);
            Assert.Empty(child.Results);                 // no self-test ran
            Assert.Equal(false, OneDnnSwitch.Enabled);
            Assert.Equal("", log.ToString());            // the parent has said it already
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConvolutionGuard.InheritedVerdictVariable, null);
            ConvolutionGuard.Verdict = saved;
            OneDnnSwitch.TrySet(before);
        }
    }

    [Fact]
    public void The_convolution_input_gradient_is_the_transposed_convolution()
    {
        // <conv(x), g> = <x, conv_transpose(g)>, in float64 (which oneDNN leaves to ATen).
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var x = randn([2, 3, 6, 6], dtype: float64, generator: generator).requires_grad_(true);
        var w = randn([4, 3, 3, 3], dtype: float64, generator: generator);
        var g = randn([2, 4, 6, 6], dtype: float64, generator: generator);
        (nn.functional.conv2d(x, w, padding: [1, 1]) * g).sum().backward();
        var expected = nn.functional.conv_transpose2d(g, w, padding: [1, 1]);
        Assert.True(x.grad!.allclose(expected, rtol: 1e-10, atol: 1e-10));
    }
}
