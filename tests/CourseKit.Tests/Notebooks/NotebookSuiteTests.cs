using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Notebooks;

/// <summary>
/// Every course notebook (notebooks/, assignments/) validates under nbformat, is committed without outputs,
/// opens with the kit's setup cell, and runs top to bottom through Debian's Jupyter client and the kit's kernel, the
/// way students run it (so CI executes each notebook once; `coursekit run` has its own tests in RunCommandTests).
/// One test case per notebook. The suite runs alone, after the parallel tests, so that each notebook has the
/// machine's cores to itself, as on a student's laptop, and its time budget measures the notebook.
/// </summary>
[Collection(nameof(NotebookSuiteTests))]
public class NotebookSuiteTests
{
    /// <summary>
    /// The first code cell of every kit notebook: the real .NET Interactive kernel loads the kit's package from
    /// artifacts/packages through the NuGet.config beside the notebooks (it refuses a relative <c>#i</c> path); the kit's
    /// engine and kernel map it to their own assemblies.
    /// </summary>
    public const string SetupCell = "#r \"nuget: CourseKit, 0.1.0\"";

    private const string NoneYet = "(no notebooks yet)";

    public static TheoryData<string> Notebooks()
    {
        var root = Cli.RepositoryRoot();
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "notebooks", "assignments" })
        {
            var path = Path.Combine(root, folder);
            if (!Directory.Exists(path)) continue;
            foreach (var file in Directory.EnumerateFiles(path, "*.ipynb", SearchOption.AllDirectories)
                         .Where(f => !f.Contains(".ipynb_checkpoints"))
                         .Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }
        if (data.Count == 0) data.Add(NoneYet);
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_is_valid_clean_and_runs(string notebook)
    {
        var root = Cli.RepositoryRoot();
        if (notebook == NoneYet)
        {
            // Nothing to run yet; the discovery itself must still see the course folders.
            Assert.True(Directory.Exists(Path.Combine(root, "notebooks")), "notebooks/ is missing from the repository.");
            return;
        }
        var path = Path.Combine(root, notebook);

        NbFormat.AssertValid(path);

        var parsed = NotebookFile.Read(path);
        var code = parsed.CodeCells.ToList();
        Assert.True(code.Count > 0, $"{notebook} has no code cells.");
        Assert.All(code, c => Assert.True(c.Outputs.Count == 0 && c.ExecutionCount is null,
            $"{notebook}: cell (id {c.Id}) has committed outputs or an execution_count; clear them before committing (executed copies are build products)."));
        Assert.True(code[0].Source.Replace("\r\n", "\n").TrimEnd() == SetupCell,
            $"{notebook}: the first code cell must be exactly:\n{SetupCell}\nbut is:\n{code[0].Source}");
        Assert.Equal(".net-csharp", (string?)parsed.Metadata["kernelspec"]?["name"]);

        if (Environment.GetEnvironmentVariable("COURSEKIT_NOTEBOOK_SUITE") == "headless")
            RunHeadless(notebook, path);
        else
            await RunThroughJupyter(notebook, path);
    }

    /// <summary>
    /// The same notebook, unchanged, in the real .NET Interactive kernel (Microsoft.dotnet-interactive 1.0.712001, what
    /// Polyglot Notebooks and the `.NET (C#)` Jupyter kernel run), driven by Jupyter's own client in the notebook's folder.
    /// </summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_unchanged_in_the_real_dotnet_interactive_kernel(string notebook)
    {
        if (notebook == NoneYet) return;
        var root = Cli.RepositoryRoot();
        var executed = Path.Combine(root, "out", "dotnet-interactive", notebook.Replace('/', '_'));
        var run = CourseKit.Tests.Kernel.DotnetInteractive.Execute(Path.Combine(root, notebook), executed,
            TimeSpan.FromSeconds(600), TimeSpan.FromMinutes(15));
        Times.Record("dotnet-interactive", notebook, run.Seconds, run.Errors.Count == 0);
        Assert.True(run.Errors.Count == 0,
            $"{notebook} failed in the real kernel after {run.Seconds:F0} s:\n{string.Join("\n", run.Errors)}\n--- streams ---\n{run.Streams}");
        // Start() connected the kit's displays: pictures, tables and charts came out as HTML, not as object trees.
        Assert.DoesNotContain("could not connect its displays", run.Streams);
        Assert.True(run.Mimes.GetValueOrDefault("text/html") > 0, $"{notebook} showed no HTML in the real kernel.");
        Assert.DoesNotContain("NNPACK", run.Streams);
        NbFormat.AssertValid(executed);
        EngineNumbers.RecordAndCompare("dotnet-interactive", notebook, executed);
        // The kernel's own first output (its JavaScript API bootstrap) asks cdnjs for require.js; nothing of the kit's may.
        AssertChartsDrawOffline("dotnet-interactive", notebook, executed, allowedRequests: ["cdnjs.cloudflare.com"]);
    }

    /// <summary>The same notebook in the kit's own engine, through `coursekit run` (the README's main command).</summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_unchanged_in_the_kits_engine(string notebook)
    {
        if (notebook == NoneYet) return;
        RunHeadless(notebook, Path.Combine(Cli.RepositoryRoot(), notebook));
    }

    // The default: Debian's `jupyter nbconvert --execute` drives the kit's kernel, as a student's JupyterLab would.
    private static async Task RunThroughJupyter(string notebook, string path)
    {
        var (run, executed) = await CourseKit.Tests.Kernel.JupyterNotebooks.ExecuteAsync(path, TimeSpan.FromSeconds(600), TimeSpan.FromMinutes(12));
        Times.Record("coursekit-kernel", notebook, run.Elapsed.TotalSeconds, run.Succeeded);
        Assert.True(run.Succeeded, $"{notebook} failed through Jupyter and the kit's kernel after {run.Elapsed.TotalSeconds:F0} s:\n{CauseFirst(run.Log)}");
        Assert.NotNull(executed);
        NbFormat.AssertValid(run.ExecutedPath);
        Assert.All(executed!.CodeCells, c => Assert.DoesNotContain(c.Outputs, o => (string?)o["output_type"] == "error"));
        AssertSelfChecksPass(notebook, executed);
        EngineNumbers.RecordAndCompare("coursekit-kernel", notebook, run.ExecutedPath);
        AssertChartsDrawOffline("coursekit-kernel", notebook, run.ExecutedPath, allowedRequests: []);
    }

    /// <summary>
    /// The committed notebooks are the instructor's sources, with the answers in place: every self-check they show
    /// (an assignment's visible checks, a lecture exercise's) passes. A self-check never throws, so the run alone
    /// would not notice one that fails.
    /// </summary>
    private static void AssertSelfChecksPass(string notebook, Notebook executed)
    {
        foreach (var cell in executed.CodeCells)
            foreach (var output in cell.Outputs)
            {
                var plain = output["data"]?["text/plain"];
                string text = plain is System.Text.Json.Nodes.JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)plain ?? "";
                foreach (System.Text.RegularExpressions.Match m in
                         System.Text.RegularExpressions.Regex.Matches(text, @"^(?<what>.*): (?<passed>\d+)/(?<total>\d+) (?:visible )?checks pass", System.Text.RegularExpressions.RegexOptions.Multiline))
                    Assert.True(m.Groups["passed"].Value == m.Groups["total"].Value,
                        $"{notebook}, cell {cell.Id}: {m.Value}; with the source's answers every self-check passes:\n{text}");
            }
    }

    /// <summary>
    /// The executed notebook as a static HTML page in headless Chromium with no network: every kit chart drew its SVG
    /// with the plotly.js the notebook itself carries, and the page asked for nothing outside itself except
    /// <paramref name="allowedRequests"/> (hosts a kernel's own scripts name).
    /// </summary>
    private static void AssertChartsDrawOffline(string engine, string notebook, string executed, string[] allowedRequests)
    {
        var page = CourseKit.Tests.Kernel.OfflinePage.Check(executed);
        Times.RecordPage(engine, notebook, page);
        Assert.True(page.Charts == page.Drawn, $"{notebook} ({engine}): {page.Drawn} of {page.Charts} charts drew offline.");
        var unexpected = page.ExternalRequests.Where(r => !allowedRequests.Any(host => r.Contains(host, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, $"{notebook} ({engine}): the page requested outside itself:\n{string.Join("\n", unexpected)}");
    }

    // nbconvert's Python traceback comes first and the failing cell's error (CellExecutionError) last; CI logs are
    // often cut, so the failure message leads with the cause and keeps the whole log after it.
    private static string CauseFirst(string log)
    {
        var at = log.LastIndexOf("CellExecutionError", StringComparison.Ordinal);
        var cause = at >= 0 ? log[at..] : string.Join('\n', log.Split('\n').TakeLast(30));
        return $"{cause}\n--- whole nbconvert log ---\n{log}";
    }

    // COURSEKIT_NOTEBOOK_SUITE=headless: the same notebooks through `coursekit run` (the README's main command) instead.
    private static void RunHeadless(string notebook, string path)
    {
        var output = Directory.CreateTempSubdirectory("coursekit-suite-").FullName;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (exit, stdout, stderr) = Cli.Run(TimeSpan.FromMinutes(12), "run", path, "--output", output, "--timeout-per-notebook", "600");
            Times.Record("coursekit-run", notebook, clock.Elapsed.TotalSeconds, exit == 0);
            Assert.DoesNotContain("NNPACK", stdout + stderr);
            Assert.True(exit == 0, $"{notebook} failed in the engine (exit {exit}):\n{stdout}\n{stderr}");
            NbFormat.AssertValid(Path.Combine(output, Path.GetFileName(path)));
            EngineNumbers.RecordAndCompare("coursekit-run", notebook, Path.Combine(output, Path.GetFileName(path)));
        }
        finally { Directory.Delete(output, recursive: true); }
    }
}

/// <summary>Each notebook's wall time per engine, appended to out/notebook-times.tsv (engine, notebook, seconds, passed).</summary>
internal static class Times
{
    private static readonly object Gate = new();

    public static void Record(string engine, string notebook, double seconds, bool passed)
    {
        var file = Path.Combine(Cli.RepositoryRoot(), "out", "notebook-times.tsv");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.AppendAllText(file, $"{DateTime.UtcNow:O}\t{engine}\t{notebook}\t{seconds:F1}\t{(passed ? "pass" : "FAIL")}\n");
        }
    }

    /// <summary>Appends one Chromium check to out/offline-pages.tsv (engine, notebook, charts, drawn, external requests).</summary>
    public static void RecordPage(string engine, string notebook, CourseKit.Tests.Kernel.OfflinePage.Result page)
    {
        var file = Path.Combine(Cli.RepositoryRoot(), "out", "offline-pages.tsv");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.AppendAllText(file, $"{DateTime.UtcNow:O}\t{engine}\t{notebook}\t{page.Charts}\t{page.Drawn}\t{page.ExternalRequests.Count}\t{string.Join(" | ", page.ExternalRequests)}\n");
        }
    }
}

/// <summary>The notebook suite's collection: not run beside other tests.</summary>
[CollectionDefinition(nameof(NotebookSuiteTests), DisableParallelization = true)]
public sealed class NotebookSuiteCollection;
