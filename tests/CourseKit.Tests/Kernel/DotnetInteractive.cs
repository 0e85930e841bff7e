using System.Text.Json.Nodes;

namespace CourseKit.Tests.Kernel;

/// <summary>
/// The real .NET Interactive kernel (the <c>Microsoft.dotnet-interactive</c> tool, 1.0.712001, the last release) as a
/// Jupyter kernel, for running the course notebooks in it. Installs the tool into the checkout's own
/// <c>.tools/dotnet-interactive</c> (never a user's global tools), packs the kit into <c>artifacts/packages</c> (where
/// the notebooks' NuGet.config points) and registers the kernel in a temporary folder of this checkout's own, with a
/// private HOME and NuGet folder so a stale CourseKit 0.1.0 never loads.
/// </summary>
internal static class DotnetInteractive
{
    public const string ToolVersion = "1.0.712001";
    public const string KernelName = ".net-csharp";

    private static readonly Lazy<Installation> Installed = new(Install);

    /// <summary>The installed kernel (installed on first use in this test process).</summary>
    public static Installation Kernel => Installed.Value;

    /// <summary>Where the tool and its kernelspec live.</summary>
    public sealed record Installation(string Tool, string JupyterPath, string State);

    /// <summary>What one notebook did in the kernel.</summary>
    public sealed record Run(double Seconds, IReadOnlyList<string> Errors, string Streams, IReadOnlyDictionary<string, int> Mimes, string ExecutedPath);

    /// <summary>Executes <paramref name="notebook"/> in the real kernel through nbclient, in the notebook's folder.</summary>
    public static Run Execute(string notebook, string executedPath, TimeSpan cellTimeout, TimeSpan wholeTimeout)
    {
        var kernel = Kernel;
        var script = Path.Combine(AppContext.BaseDirectory, "Kernel", "real_kernel_run.py");
        Directory.CreateDirectory(Path.GetDirectoryName(executedPath)!);
        var summaryPath = executedPath + ".summary.json";
        File.Delete(summaryPath);
        var (code, _, stderr) = ReferenceJupyter.Run(ReferenceJupyter.Python,
            [script, notebook, executedPath, KernelName, ((int)cellTimeout.TotalSeconds).ToString(), summaryPath], wholeTimeout,
            new Dictionary<string, string> { ["JUPYTER_PATH"] = kernel.JupyterPath });
        if (code != 0)
            throw new InvalidOperationException($"nbclient could not run {notebook} in the real kernel (exit {code}):\n{Tail(stderr)}");
        var summary = JsonNode.Parse(File.ReadAllText(summaryPath))!;
        return new Run(
            (double)summary["seconds"]!,
            [.. summary["errors"]!.AsArray().Select(e => $"cell {e!["cell"]}: {e["ename"]}: {e["evalue"]}")],
            string.Concat(summary["streams"]!.AsArray().Select(s => (string?)s!["text"])),
            summary["mimes"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!),
            executedPath);
    }

    private static Installation Install()
    {
        var root = CourseKit.Tests.Notebooks.Cli.RepositoryRoot();
        var dotnet = DotnetHost();
        var toolFolder = Path.Combine(root, ".tools", "dotnet-interactive");
        var tool = Path.Combine(toolFolder, OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive");
        if (!File.Exists(tool))
            Must(dotnet, ["tool", "install", "--tool-path", toolFolder, "Microsoft.dotnet-interactive", "--version", ToolVersion], "install the dotnet-interactive tool", TimeSpan.FromMinutes(10));
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        Must(dotnet, ["pack", Path.Combine(root, "src", "CourseKit", "CourseKit.csproj"), "-c", configuration, "-o", Path.Combine(root, "artifacts", "packages")],
            "pack the kit into artifacts/packages", TimeSpan.FromMinutes(10));

        // Outside the checkout: the kernel restores packages in a project under HOME, and inside the checkout that project
        // would pick up the kit's own Directory.Packages.props (central package management) and fail with NU1008.
        var state = Path.Combine(Path.GetTempPath(), "coursekit-real-kernel-" +
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..12]);
        var home = Path.Combine(state, "home");
        var packages = Path.Combine(state, "nuget-packages");
        // A fresh CourseKit 0.1.0 every test run: NuGet and .NET Interactive cache a package by name and version.
        DeleteIfPresent(Path.Combine(packages, "coursekit"));
        DeleteIfPresent(Path.Combine(home, ".packagemanagement"));
        Directory.CreateDirectory(home);
        var fallback = FallbackWithoutCourseKit(state);

        var kernels = Path.Combine(state, "jupyter", "kernels");
        Directory.CreateDirectory(kernels);
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet)!,
            ["HOME"] = home,
            ["NUGET_PACKAGES"] = packages,
            ["NUGET_FALLBACK_PACKAGES"] = fallback,
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        Must(tool, ["jupyter", "install", "--path", kernels], "register the dotnet-interactive Jupyter kernel", TimeSpan.FromMinutes(2), environment);
        // The tool registers itself as `dotnet interactive` (a global tool); this one lives in the checkout.
        var specPath = Path.Combine(kernels, KernelName, "kernel.json");
        var spec = JsonNode.Parse(File.ReadAllText(specPath))!.AsObject();
        var argv = spec["argv"]!.AsArray().Select(a => (string)a!).ToList();
        if (argv[0] == "dotnet" && argv[1] == "interactive") argv = [tool, .. argv[2..]];
        spec["argv"] = new JsonArray([.. argv.Select(a => (JsonNode?)a)]);
        spec["env"] = new JsonObject(environment.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        File.WriteAllText(specPath, spec.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return new Installation(tool, Path.Combine(state, "jupyter"), state);
    }

    // The machine's NuGet packages (TorchSharp's 1.4 GB of libtorch among them) as a read-only fallback folder, minus
    // any CourseKit a Polyglot user restored there, which would shadow the one just packed.
    private static string FallbackWithoutCourseKit(string state)
    {
        var machine = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Path.Combine(state, "nuget-fallback");
        DeleteIfPresent(fallback);
        Directory.CreateDirectory(fallback);
        if (Directory.Exists(machine))
            foreach (var package in Directory.EnumerateDirectories(machine))
                if (!string.Equals(Path.GetFileName(package), "coursekit", StringComparison.OrdinalIgnoreCase))
                    Directory.CreateSymbolicLink(Path.Combine(fallback, Path.GetFileName(package)), package);
        return fallback;
    }

    private static void DeleteIfPresent(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host) return host;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(folder, "dotnet");
            if (File.Exists(candidate)) return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
        }
        throw new InvalidOperationException("No dotnet host found (DOTNET_HOST_PATH unset and no dotnet on PATH).");
    }

    private static void Must(string file, string[] arguments, string what, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var (code, stdout, stderr) = ReferenceJupyter.Run(file, arguments, timeout, environment);
        if (code != 0)
            throw new InvalidOperationException($"Could not {what}: `{file} {string.Join(' ', arguments)}` exited with {code}.\n{Tail(stdout)}\n{Tail(stderr)}");
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));
}
