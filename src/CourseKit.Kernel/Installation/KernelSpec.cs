using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Kernel.Installation;

/// <summary>
/// A Jupyter kernelspec for the kit's kernel: a folder <c>kernels/NAME</c> holding <c>kernel.json</c>
/// (how to start the kernel) and a logo, which JupyterLab, VS Code's Jupyter extension and nbconvert list.
/// </summary>
public static class KernelSpec
{
    /// <summary>The contents of <c>kernel.json</c>.</summary>
    /// <param name="launcher">The command that runs the kit's CLI (e.g. <c>[/path/coursekit]</c> or <c>[dotnet, /path/CourseKit.Cli.dll]</c>).</param>
    /// <param name="displayName">The name in kernel pickers.</param>
    public static JsonObject KernelJson(IReadOnlyList<string> launcher, string displayName = KernelInfo.DisplayName) => new()
    {
        ["argv"] = new JsonArray([.. launcher.Concat(["kernel", "--connection-file", "{connection_file}"]).Select(a => (JsonNode?)a)]),
        ["display_name"] = displayName,
        ["language"] = KernelInfo.Language,
        ["interrupt_mode"] = "message",
        ["env"] = new JsonObject { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>
    /// The command that starts this very CLI again: the apphost itself, or <c>dotnet the.dll</c> when it was
    /// started through the <c>dotnet</c> host.
    /// </summary>
    public static IReadOnlyList<string> CurrentLauncher()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which program is running (Environment.ProcessPath is null).");
        var name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var dll = System.Reflection.Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(dll))
                throw new InvalidOperationException("Cannot tell which assembly the dotnet host is running.");
            return [process, dll];
        }
        return [process];
    }

    /// <summary>The <c>kernels</c> folder of a scope.</summary>
    /// <param name="scope">User, sys-prefix or prefix.</param>
    /// <param name="prefix">The folder for <see cref="KernelSpecScope.Prefix"/>.</param>
    /// <exception cref="InvalidOperationException">The folder cannot be determined; the message says what to do.</exception>
    public static string KernelsFolder(KernelSpecScope scope, string? prefix = null) => scope switch
    {
        KernelSpecScope.User => Path.Combine(UserDataFolder(), "kernels"),
        KernelSpecScope.SysPrefix => Path.Combine(PythonSysPrefix(), "share", "jupyter", "kernels"),
        KernelSpecScope.Prefix => Path.Combine(Path.GetFullPath(prefix ?? throw new ArgumentNullException(nameof(prefix), "--prefix needs a folder.")), "share", "jupyter", "kernels"),
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>Writes the kernelspec folder <c>KERNELS/NAME</c> (replacing an older one) and returns its path.</summary>
    /// <param name="kernelsFolder">From <see cref="KernelsFolder"/>.</param>
    /// <param name="name">The kernelspec name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>), e.g. <c>coursekit-csharp</c>.</param>
    /// <param name="launcher">From <see cref="CurrentLauncher"/>.</param>
    /// <param name="displayName">The name in kernel pickers.</param>
    public static string Install(string kernelsFolder, string name, IReadOnlyList<string> launcher, string displayName = KernelInfo.DisplayName)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"'{name}' is not a valid kernel name: use ASCII letters, digits, '.', '_' and '-'.", nameof(name));
        var folder = Path.Combine(kernelsFolder, name);
        Directory.CreateDirectory(folder);
        var json = KernelJson(launcher, displayName).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        File.WriteAllText(Path.Combine(folder, "kernel.json"), json);
        File.WriteAllBytes(Path.Combine(folder, "logo-64x64.png"), KernelLogo.Png(64));
        File.WriteAllBytes(Path.Combine(folder, "logo-32x32.png"), KernelLogo.Png(32));
        return folder;
    }

    /// <summary>Jupyter's per-user data folder: JUPYTER_DATA_DIR, else the platform's default.</summary>
    public static string UserDataFolder()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } overridden)
            return overridden;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        if (OperatingSystem.IsMacOS())
            return Path.Combine(home, "Library", "Jupyter");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    private static string PythonSysPrefix()
    {
        foreach (var variable in new[] { "VIRTUAL_ENV", "CONDA_PREFIX" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } active)
                return active;
        foreach (var python in new[] { "python3", "python" })
        {
            try
            {
                var start = new ProcessStartInfo(python, ["-c", "import sys; print(sys.prefix)"]) { RedirectStandardOutput = true, UseShellExecute = false };
                using var process = Process.Start(start)!;
                var prefix = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                if (process.ExitCode == 0 && prefix.Length > 0)
                    return prefix;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not on PATH; try the next.
            }
        }
        throw new InvalidOperationException("--sys-prefix needs the Python environment Jupyter runs in, but no python3 was found. " +
                                            "Activate it, or use --user or --prefix DIR.");
    }
}
