using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Runtime;

/// <summary>
/// Compares libtorch's two CPU convolution back ends on the same inputs: oneDNN's kernels (PyTorch's
/// <c>torch.backends.mkldnn</c>) against ATen's own. On some CPUs libtorch 2.10's oneDNN computes wrong, run-to-run
/// different input gradients for some configurations while its forward pass is right (see the README's known
/// problems); this probe finds them. <c>coursekit probe convolutions</c> prints its sweep; the kit
/// runs a few cases at start-up.
/// </summary>
/// <example>
/// <code>
/// var result = ConvolutionGradientProbe.Measure(new ConvolutionCase(Batch: 128, InChannels: 1, Size: 28, OutChannels: 6, Kernel: 5, Padding: 2));
/// Console.WriteLine($"{result.Case}: dX off by {result.InputGradientError:g2}, agrees: {result.Agrees}");
/// </code>
/// </example>
public static class ConvolutionGradientProbe
{
    /// <summary>The relative error above which a gradient counts as wrong (float32 sums over a few hundred terms stay near 1e-6).</summary>
    public const double DefaultTolerance = 1e-4;

    /// <summary>
    /// Runs <paramref name="convolutionCase"/> once with ATen's kernels and <paramref name="repeats"/> times with oneDNN's,
    /// on seeded float32 inputs, and reports the largest relative differences. Restores the oneDNN flag afterwards.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The oneDNN flag cannot be reached here (not Linux).</exception>
    public static ConvolutionProbeResult Measure(ConvolutionCase convolutionCase, int repeats = 3, long seed = 0,
                                                 double tolerance = DefaultTolerance)
    {
        TorchRuntime.Initialize();
        bool wasEnabled = OneDnnSwitch.Enabled
            ?? throw new PlatformNotSupportedException("The oneDNN flag is reachable on Linux only; nothing to compare here.");
        using var scope = NewDisposeScope();
        var (x, w, g) = Inputs(convolutionCase, seed);
        try
        {
            OneDnnSwitch.TrySet(false);
            var aten = Run(convolutionCase, x, w, g);
            OneDnnSwitch.TrySet(true);
            return Compare(convolutionCase, aten, () => Run(convolutionCase, x, w, g), repeats, tolerance);
        }
        finally
        {
            OneDnnSwitch.TrySet(wasEnabled);
        }
    }

    /// <summary>
    /// Compares the gradients this process computes now — with oneDNN on or off, as the kit left it — against ATen's
    /// in float64 (which oneDNN never handles) on the same inputs: the check that the kit trains with right gradients
    /// whatever back end it chose. The flag is not touched.
    /// </summary>
    public static ConvolutionProbeResult MeasureAsConfigured(ConvolutionCase convolutionCase, int repeats = 3, long seed = 0,
                                                             double tolerance = DefaultTolerance)
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        var (x, w, g) = Inputs(convolutionCase, seed);
        var reference = Run(convolutionCase, x.to(float64), w.to(float64), g.to(float64));
        return Compare(convolutionCase, reference, () => Run(convolutionCase, x, w, g), repeats, tolerance);
    }

    /// <summary>
    /// The sweep <c>coursekit probe convolutions</c> prints: the course's own layers, then one factor at a time around a
    /// base case (16×8×12×12 ∗ 8×8×3×3, padding 1) — input channels, kernel against input size, stride, padding,
    /// dilation, groups, batch and transposed convolutions.
    /// </summary>
    public static IReadOnlyList<ConvolutionCase> Sweep()
    {
        var cases = new List<ConvolutionCase>
        {
            // Layers the course trains: LeNet-5's two convolutions, a VGG block, a PixelCNN's 7×7 first layer.
            new(128, 1, 28, 6, 5, Padding: 2), new(128, 6, 14, 16, 5), new(64, 32, 7, 64, 3, Padding: 1),
            new(64, 16, 28, 16, 3, Padding: 1), new(16, 8, 6, 8, 7, Padding: 3), new(32, 1, 28, 32, 7, Padding: 3),
        };
        var baseCase = new ConvolutionCase(16, 8, 12, 8, 3, Padding: 1);
        foreach (int c in new[] { 1, 2, 3, 4, 16 }) cases.Add(baseCase with { InChannels = c });
        foreach (var (size, kernel, padding) in new[] { (6, 5, 2), (6, 7, 3), (5, 5, 0), (12, 7, 3), (12, 1, 0), (28, 5, 2) })
            cases.Add(baseCase with { Size = size, Kernel = kernel, Padding = padding });
        foreach (int stride in new[] { 2, 3 }) cases.Add(baseCase with { Stride = stride });
        foreach (int padding in new[] { 0, 2 }) cases.Add(baseCase with { Padding = padding });
        cases.Add(baseCase with { Dilation = 2, Padding = 2 });
        foreach (int groups in new[] { 2, 8 }) cases.Add(baseCase with { Groups = groups });
        foreach (int batch in new[] { 1, 2, 128 }) cases.Add(baseCase with { Batch = batch });
        cases.Add(baseCase with { InChannels = 1, Batch = 128 });
        cases.Add(baseCase with { Transposed = true });
        cases.Add(baseCase with { Transposed = true, Stride = 2, Kernel = 4, Padding = 1 });
        cases.Add(new ConvolutionCase(64, 64, 7, 32, 4, Stride: 2, Padding: 1, Transposed: true));   // a DCGAN up-sampling step
        cases.Add(new ConvolutionCase(64, 32, 14, 1, 4, Stride: 2, Padding: 1, Transposed: true));   // … to one channel
        // Every case again with only the input gradient asked for, as when the weights are frozen.
        return [.. cases, .. cases.Select(c => c with { Wants = ConvolutionGradients.InputOnly })];
    }

    private sealed record Gradients(Tensor Output, Tensor Input, Tensor Weight);

    // Runs the measured back end `repeats` times; keeps the largest error against the reference and between runs.
    private static ConvolutionProbeResult Compare(ConvolutionCase c, Gradients reference, Func<Gradients> measured,
                                                  int repeats, double tolerance)
    {
        double output = 0, input = 0, weight = 0, spread = 0;
        Gradients? first = null;
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            var run = measured();
            output = Max(output, RelativeError(run.Output, reference.Output));
            input = Max(input, RelativeError(run.Input, reference.Input));
            weight = Max(weight, RelativeError(run.Weight, reference.Weight));
            if (first is not null)
                spread = Max(spread, Max(RelativeError(run.Input, first.Input), RelativeError(run.Weight, first.Weight)));
            first ??= run;
        }
        return new ConvolutionProbeResult(c, output, input, weight, spread, tolerance);
    }

    // Math.Max, except that NaN wins: a NaN error must never be hidden by a later finite one.
    private static double Max(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    private static (Tensor X, Tensor W, Tensor G) Inputs(ConvolutionCase c, long seed)
    {
        var generator = new Generator((ulong)seed);
        var x = randn([c.Batch, c.InChannels, c.Size, c.Size], generator: generator);
        long[] weightShape = c.Transposed
            ? [c.InChannels, c.OutChannels / c.Groups, c.Kernel, c.Kernel]
            : [c.OutChannels, c.InChannels / c.Groups, c.Kernel, c.Kernel];
        // Scalars are disposed explicitly: the self-test runs at start-up, maybe beside a kernel's other threads (README, known problems).
        using var scale = (1.0 / Math.Sqrt(weightShape[1] * c.Kernel * c.Kernel)).ToScalar();
        var w = randn(weightShape, generator: generator).mul_(scale);
        using (no_grad())
        {
            var shape = Forward(c, x, w).shape;
            return (x, w, randn(shape, generator: generator));
        }
    }

    private static Gradients Run(ConvolutionCase c, Tensor x, Tensor w, Tensor g)
    {
        DirtyHeap(x, w);
        var input = x.detach().requires_grad_(c.Wants != ConvolutionGradients.WeightOnly);
        var weight = w.detach().requires_grad_(c.Wants != ConvolutionGradients.InputOnly);
        var output = Forward(c, input, weight);
        output.backward([g]);
        return new Gradients(output.detach().clone(), GradientOrZeros(input), GradientOrZeros(weight));
    }

    // Wrong gradients on affected CPUs look like memory that was never written; fill freed blocks of the gradients'
    // sizes with a loud value so such memory shows instead of happening to hold zeros or an earlier right answer.
    private static void DirtyHeap(Tensor x, Tensor w)
    {
        using var loud = 1e3f.ToScalar();
        for (int i = 0; i < 4; i++)
        {
            using var a = full_like(x, loud);
            using var b = full_like(w, loud);
        }
    }

    private static Tensor GradientOrZeros(Tensor t) => t.grad is { } grad ? grad.clone() : zeros_like(t);

    private static Tensor Forward(ConvolutionCase c, Tensor x, Tensor w) => c.Transposed
        ? nn.functional.conv_transpose2d(x, w, strides: [c.Stride, c.Stride], padding: [c.Padding, c.Padding],
            groups: c.Groups, dilation: [c.Dilation, c.Dilation])
        : nn.functional.conv2d(x, w, strides: [c.Stride, c.Stride], padding: [c.Padding, c.Padding],
            dilation: [c.Dilation, c.Dilation], groups: c.Groups);

    // max|a − b| / max|b|: NaN anywhere gives NaN, which no tolerance accepts.
    private static double RelativeError(Tensor actual, Tensor expected)
    {
        double scale = Math.Max(expected.abs().max().to(float64).item<double>(), 1e-12);
        return (actual.to(float64) - expected.to(float64)).abs().max().item<double>() / scale;
    }
}
