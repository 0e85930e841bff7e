using CourseKit.Kernel.Jupyter;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Kernel;

/// <summary>
/// Executes a course notebook the way a student's JupyterLab does: Debian's <c>jupyter nbconvert --execute</c>
/// with the kit's kernel (the CLI beside the tests). For the notebook suite, so CI runs each notebook once,
/// through the real Jupyter client; executed copies go to <c>out/jupyter</c> at the repository root.
/// </summary>
internal static class JupyterNotebooks
{
    private static readonly Lazy<NbconvertRunner> Runner = new(() =>
    {
        var runner = new NbconvertRunner(Launcher(), "coursekit-csharp-tests");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => runner.Dispose();
        return runner;
    });

    /// <summary>The CLI beside the tests, started through the dotnet host (what the test kernelspecs run).</summary>
    public static IReadOnlyList<string> Launcher() =>
        [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
         Path.Combine(AppContext.BaseDirectory, "CourseKit.Cli.dll")];

    /// <summary>The repository root (the folder holding CourseKit.sln).</summary>
    public static string RepositoryRoot() => Notebooks.Cli.RepositoryRoot();

    /// <summary>Runs <paramref name="notebook"/> through nbconvert and the kernel; returns the run and the executed notebook.</summary>
    /// <param name="notebook">The .ipynb.</param>
    /// <param name="cellTimeout">Per-cell limit (nbconvert's ExecutePreprocessor.timeout); 600 s by default.</param>
    /// <param name="wholeTimeout">Limit for the whole notebook (the nbconvert process is killed after it); 12 minutes by default.</param>
    public static async Task<(JupyterRun Run, Notebook? Executed)> ExecuteAsync(string notebook, TimeSpan? cellTimeout = null, TimeSpan? wholeTimeout = null)
    {
        using var limit = new CancellationTokenSource(wholeTimeout ?? TimeSpan.FromMinutes(12));
        var run = await Runner.Value.ExecuteAsync(notebook, Path.Combine(RepositoryRoot(), "out", "jupyter"), cellTimeout, limit.Token);
        return (run, File.Exists(run.ExecutedPath) && run.Succeeded ? NotebookFile.Read(run.ExecutedPath) : null);
    }
}
