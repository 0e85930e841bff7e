using System.Diagnostics;

namespace CourseKit.Tests.Kernel;

/// <summary>Finds and runs Debian's Jupyter tools (python3-jupyter-client, nbclient, nbconvert), the reference client.</summary>
internal static class ReferenceJupyter
{
    /// <summary>A python3 that imports jupyter_client: Debian's /usr/bin/python3 first (a pyenv python3 on PATH lacks the apt packages).</summary>
    public static string Python { get; } = FindPython();

    private static string FindPython()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                var (code, _, _) = Run(candidate, ["-c", "import jupyter_client, nbclient"], TimeSpan.FromSeconds(60));
                if (code == 0)
                    return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not there; try the next.
            }
        }
        throw new InvalidOperationException(
            "No python3 with jupyter_client found. Install the reference client: apt-get install -y python3-jupyter-client python3-nbclient jupyter-nbconvert");
    }

    /// <summary>Runs a process to the end (or kills it at the timeout); returns exit code, stdout, stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {timeout}. stderr: {stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
