using System.Diagnostics;
using CourseKit.Kernel.Installation;

namespace CourseKit.Kernel.Jupyter;

/// <summary>
/// Executes notebooks through Jupyter's own client, as a student's JupyterLab would:
/// <c>jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=NAME</c>, with the kit's
/// kernel registered in a private folder on JUPYTER_PATH (nothing is installed for the user).
/// </summary>
public sealed class NbconvertRunner : IDisposable
{
    private readonly string _prefix;

    /// <summary>Registers the kernel started by <paramref name="launcher"/> under <paramref name="kernelName"/> in a temporary prefix.</summary>
    /// <param name="launcher">The command that runs the kit's CLI (see <see cref="KernelSpec.CurrentLauncher"/>).</param>
    /// <param name="kernelName">The kernelspec name nbconvert is told to use.</param>
    /// <param name="jupyter">The <c>jupyter</c> executable.</param>
    public NbconvertRunner(IReadOnlyList<string> launcher, string kernelName = KernelInfo.DefaultKernelName, string jupyter = "jupyter")
    {
        KernelName = kernelName;
        Jupyter = jupyter;
        _prefix = Directory.CreateTempSubdirectory("coursekit-jupyter-").FullName;
        KernelSpec.Install(KernelSpec.KernelsFolder(KernelSpecScope.Prefix, _prefix), kernelName, launcher);
    }

    /// <summary>The kernelspec name used.</summary>
    public string KernelName { get; }

    /// <summary>The jupyter executable.</summary>
    public string Jupyter { get; }

    /// <summary>The folder to put on JUPYTER_PATH so Jupyter finds the kernel.</summary>
    public string JupyterPath => Path.Combine(_prefix, "share", "jupyter");

    /// <summary>Executes one notebook; the executed copy goes to <paramref name="outputFolder"/> under the same file name.</summary>
    /// <param name="notebook">The .ipynb to run (its folder is the kernel's working folder, as in JupyterLab).</param>
    /// <param name="outputFolder">Where the executed copy goes.</param>
    /// <param name="cellTimeout">nbconvert's per-cell timeout.</param>
    /// <param name="cancellationToken">Kills the run.</param>
    public async Task<JupyterRun> ExecuteAsync(string notebook, string outputFolder, TimeSpan? cellTimeout = null, CancellationToken cancellationToken = default)
    {
        notebook = Path.GetFullPath(notebook);
        if (!File.Exists(notebook))
            throw new FileNotFoundException($"No notebook at {notebook}.", notebook);
        Directory.CreateDirectory(outputFolder);
        var start = new ProcessStartInfo(Jupyter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
        };
        foreach (var argument in new[]
                 {
                     "nbconvert", "--to", "notebook", "--execute",
                     $"--ExecutePreprocessor.kernel_name={KernelName}",
                     $"--ExecutePreprocessor.timeout={(int)(cellTimeout ?? TimeSpan.FromSeconds(600)).TotalSeconds}",
                     "--output-dir", Path.GetFullPath(outputFolder), notebook,
                 })
            start.ArgumentList.Add(argument);
        var existing = Environment.GetEnvironmentVariable("JUPYTER_PATH");
        start.Environment["JUPYTER_PATH"] = string.IsNullOrEmpty(existing) ? JupyterPath : JupyterPath + Path.PathSeparator + existing;

        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start '{Jupyter}': {e.Message}. Install Jupyter's client tools (Debian: apt-get install -y jupyter-nbconvert python3-nbclient python3-jupyter-client).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var log = await stderr + await stdout;
            return new JupyterRun(notebook, Path.Combine(Path.GetFullPath(outputFolder), Path.GetFileName(notebook)),
                clock.Elapsed, process.ExitCode == 0, log);
        }
    }

    /// <summary>Removes the temporary kernelspec.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
