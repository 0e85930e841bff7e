using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace CourseKit.Runtime;

/// <summary>Examines the machine the kit runs on (<c>coursekit doctor</c>).</summary>
public static class Doctor
{
    /// <summary>Extra checks other parts of the kit contribute (datasets, notebook engine, …).</summary>
    public static readonly List<Func<IEnumerable<DoctorCheck>>> Contributors = [];

    /// <summary>Runs every check.</summary>
    public static DoctorReport Examine()
    {
        var checks = new List<DoctorCheck>
        {
            new("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})", true),
            new(".NET", RuntimeInformation.FrameworkDescription, true),
        };
        checks.AddRange(TorchChecks());
        foreach (var contributor in Contributors) checks.AddRange(contributor());
        return new DoctorReport(checks);
    }

    // A guard that switched oneDNN off is a finding, not a failure: the kit is right, only slower.
    private static DoctorCheck GuardCheck() => ConvolutionGuard.Verdict switch
    {
        null => new("Conv self-test", OneDnnSwitch.Enabled == true ? "not run" : "not needed: oneDNN is off", true),
        { KeepOneDnn: true } verdict => new("Conv self-test", verdict.Explanation, true),
        var verdict => new("Conv self-test", verdict.Explanation.Replace("CourseKit: on", "On", StringComparison.Ordinal), true),
    };

    private static IEnumerable<DoctorCheck> TorchChecks()
    {
        string? error = null;
        try { TorchRuntime.Initialize(); }
        catch (TorchLoadException e) { error = e.Message; }
        string torchSharp = typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?";
        if (error is not null)
        {
            yield return new("TorchSharp", $"{torchSharp}: failed to load", false, error);
            yield break;
        }
        yield return new("TorchSharp", $"{torchSharp}, libtorch {torch.__version__}, CPU", true);
        var fix = TorchLoadFix.Report;
        var (stdcxx, versions) = OperatingSystem.IsLinux() ? TorchLoadFix.SystemStdCxxVersions() : (null, new HashSet<string>());
        string newest = versions.Where(v => v.StartsWith("GLIBCXX_3.4.", StringComparison.Ordinal))
            .OrderBy(v => int.TryParse(v["GLIBCXX_3.4.".Length..], out int n) ? n : -1).LastOrDefault() ?? "n/a";
        yield return new("Load fix", fix is { Applied: true }
            ? $"applied: {stdcxx} provides up to {newest}, so {TorchLoadFix.PatchableVersion} was marked weak in {fix.PatchedLibrary}"
            : OperatingSystem.IsLinux() ? $"not needed ({stdcxx ?? "libstdc++"} provides up to {newest})" : "not needed on this OS", true);
        yield return new("oneDNN", OneDnnSwitch.Enabled switch
        {
            false => OneDnnSwitch.OffRequested ? "off (COURSEKIT_ONEDNN=0): ATen's own CPU kernels, convolutions train 4–8× slower" : "off",
            true => "on (set COURSEKIT_ONEDNN=0 for ATen's own kernels)",
            null => "left as libtorch sets it (the switch is reached on Linux only)",
        }, true);
        yield return GuardCheck();
        yield return new("Threads", $"{torch.get_num_threads()} (machine has {Environment.ProcessorCount} cores)", true);
        using var scope = torch.NewDisposeScope();
        float sum = torch.ones(3, 3).sum().item<float>();
        yield return new("Tensor test", $"ones(3,3).sum() = {sum}", Math.Abs(sum - 9f) < 1e-6f,
            "TorchSharp loaded but computes wrong results; reinstall the TorchSharp-cpu package.");
    }
}
