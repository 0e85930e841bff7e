namespace CourseKit.Runtime;

/// <summary>
/// Makes sure no convolution in the kit trains with a wrong gradient. On some CPUs libtorch 2.10's oneDNN kernels
/// compute wrong, run-to-run different input gradients for some convolution configurations (the forward pass stays
/// right; see the README's known problems). At start-up (<see cref="TorchRuntime.Initialize"/>, so every notebook,
/// command, test and grading worker) the guard runs the configuration classes known to go wrong, a few times each,
/// against ATen's own kernels. If any disagrees it switches oneDNN off for the process — every convolution then runs
/// on ATen's kernels, slower but right — and says so once on standard error. On a CPU where all agree, oneDNN stays
/// on with its full speed. <c>coursekit doctor</c> reports the outcome; <c>coursekit probe convolutions</c> sweeps far
/// more configurations.
/// </summary>
/// <remarks>
/// The switch is process-wide because TorchSharp's <c>nn.Conv2d</c> and every other convolution reach libtorch's
/// back-end choice through one global flag (<c>at::Context::userEnabledMkldnn</c>), read again for the backward pass;
/// libtorch has no per-call choice to route one configuration class to ATen and keep oneDNN for the others.
/// </remarks>
public static class ConvolutionGuard
{
    /// <summary>
    /// The configuration classes the start-up self-test runs: the two measured to go wrong on an affected CPU — one
    /// input channel (LeNet-5's first layer, wrong in every run there) and a kernel larger than its input (wrong in
    /// some runs) — each with the input gradient that GANs, saliency maps and adversarial examples need. Two cases
    /// keep the start-up cost near a second (oneDNN compiles a kernel for every new shape); the test suite checks all
    /// 66 configurations of <see cref="ConvolutionGradientProbe.Sweep"/>.
    /// </summary>
    public static IReadOnlyList<ConvolutionCase> SelfTestCases { get; } =
    [
        new(128, 1, 28, 6, 5, Padding: 2),   // LeNet-5's c1: off by a relative 1.86 in every run where affected
        new(16, 8, 6, 8, 7, Padding: 3),     // a 7×7 kernel on 6×6 images: off by 0.41–1.54 in some runs
    ];

    /// <summary>oneDNN runs per case; wrong gradients vary from run to run, so one run can miss them.</summary>
    public const int Repeats = 3;

    /// <summary>
    /// The environment variable through which a process that already ran the self-test hands its verdict to the
    /// processes it starts on the same machine (the grader to its sandboxed workers): <c>on</c> keeps oneDNN without
    /// testing again, <c>off</c> switches it off without saying so a second time.
    /// </summary>
    public const string InheritedVerdictVariable = "COURSEKIT_CONVOLUTION_GUARD";

    /// <summary>What the self-test found and decided, or null before it ran (and where the flag cannot be reached).</summary>
    public static ConvolutionGuardVerdict? Verdict { get; internal set; }

    /// <summary>
    /// Runs the self-test once per process (later calls return the first verdict) and applies its decision.
    /// Does nothing where oneDNN is already off (<c>COURSEKIT_ONEDNN=0</c>) or the flag cannot be reached.
    /// </summary>
    /// <param name="log">Where to say, once, that oneDNN was switched off; standard error by default.</param>
    public static ConvolutionGuardVerdict? Run(TextWriter? log = null)
    {
        if (Verdict is not null || running || OneDnnSwitch.Enabled != true) return Verdict;
        string? inherited = Environment.GetEnvironmentVariable(InheritedVerdictVariable);
        if (inherited is "on" or "off")
            return Apply(new ConvolutionGuardVerdict([], KeepOneDnn: inherited == "on", Inherited: true), log ?? Console.Error);
        running = true;   // the probe initialises TorchSharp itself, which calls back here
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var results = SelfTestCases.Select(c => ConvolutionGradientProbe.Measure(c, Repeats)).ToList();
            return Apply(Decide(results) with { Seconds = clock.Elapsed.TotalSeconds }, log ?? Console.Error);
        }
        finally
        {
            running = false;
        }
    }

    private static bool running;

    /// <summary>The decision for a set of measurements: keep oneDNN only if every case agrees with ATen.</summary>
    public static ConvolutionGuardVerdict Decide(IReadOnlyList<ConvolutionProbeResult> results) =>
        new(results, KeepOneDnn: results.All(r => r.Agrees));

    /// <summary>Applies <paramref name="verdict"/>: switches oneDNN off when it must go, and says so once.</summary>
    internal static ConvolutionGuardVerdict Apply(ConvolutionGuardVerdict verdict, TextWriter log)
    {
        Verdict = verdict;
        if (!verdict.KeepOneDnn)
        {
            OneDnnSwitch.TrySet(false);
            if (!verdict.Inherited) log.WriteLine(verdict.Explanation);
        }
        return verdict;
    }

    /// <summary>
    /// Hands this process's verdict to a child process about to start (see <see cref="InheritedVerdictVariable"/>),
    /// so that it skips the self-test; does nothing before the self-test ran.
    /// </summary>
    public static void HandTo(IDictionary<string, string?> childEnvironment)
    {
        if (Verdict is { } verdict) childEnvironment[InheritedVerdictVariable] = verdict.KeepOneDnn ? "on" : "off";
    }
}
