using System.Text.Json.Nodes;
using CourseKit.Kernel.Installation;
using CourseKit.Kernel.Jupyter;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Kernel;

/// <summary>
/// The kit's kernel as Jupyter runs it: a child process started from the kernelspec (the CLI's
/// <c>kernel --connection-file</c>) running real C# on the engine, driven by Debian's jupyter_client and nbconvert.
/// </summary>
public sealed class RealKernelTests
{
    private static IReadOnlyList<string> Launcher() => JupyterNotebooks.Launcher();

    [Fact]
    public void Kernel_manager_starts_the_kernel_from_its_kernelspec_runs_csharp_and_restart_forgets_state()
    {
        var prefix = Directory.CreateTempSubdirectory("coursekit-kernelspec-").FullName;
        try
        {
            var folder = KernelSpec.Install(KernelSpec.KernelsFolder(KernelSpecScope.Prefix, prefix), "coursekit-test", Launcher());
            var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
            Assert.Equal("message", spec["interrupt_mode"]!.ToString());
            Assert.Equal("{connection_file}", spec["argv"]!.AsArray().Last()!.ToString());

            var script = Path.Combine(AppContext.BaseDirectory, "Kernel", "jupyter_client_check.py");
            var (code, stdout, stderr) = ReferenceJupyter.Run(ReferenceJupyter.Python, [script, "manager", "coursekit-test"], TimeSpan.FromMinutes(4),
                new Dictionary<string, string> { ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter") });
            Assert.True(code == 0, $"jupyter_client_check.py manager failed ({code}):\n{stderr}");
            var seen = JsonNode.Parse(stdout)!;

            Assert.Equal(["42"], seen["result"]!.AsArray().Select(r => r!.ToString()));
            Assert.Equal("sqrt 42\n", seen["stream"]!.ToString());
            // After a restart the variable is gone: the new kernel reports a compile error.
            Assert.Equal("error", seen["after_restart"]![0]!.ToString());
            Assert.False(seen["alive_after_shutdown"]!.GetValue<bool>());
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [Fact]
    public async Task Nbconvert_executes_a_polyglot_notebook_through_the_kernel_and_reports_a_failing_cell()
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-nbconvert-").FullName;
        try
        {
            var good = Path.Combine(folder, "good.ipynb");
            NotebookFile.Write(NotebookFile.NewPolyglot(
                Cell.Markdown("# A tiny lecture"),
                Cell.Code("#i \"nuget: ../artifacts/packages\"\n#r \"nuget: CourseKit, 0.1.0\""),
                Cell.Code("using CourseKit.Visualization;\nvar progress = display(RichOutput.Html(\"<b>epoch 0</b>\", \"epoch 0\"));\nfor (int epoch = 1; epoch <= 3; epoch++)\n    progress.Update(RichOutput.Html($\"<b>epoch {epoch}</b>\", $\"epoch {epoch}\"));\nConsole.WriteLine(\"trained\");"),
                Cell.Code("Enumerable.Range(1, 6).Sum() * 2")), good);
            var bad = Path.Combine(folder, "bad.ipynb");
            NotebookFile.Write(NotebookFile.NewPolyglot(
                Cell.Code("throw new InvalidOperationException(\"lecture bug\");"),
                Cell.Code("Console.WriteLine(\"never\");")), bad);

            using var runner = new NbconvertRunner(Launcher(), "coursekit-nbconvert-test");
            var output = Path.Combine(folder, "out");
            var run = await runner.ExecuteAsync(good, output);
            Assert.True(run.Succeeded, run.Log);

            var executed = NotebookFile.Read(run.ExecutedPath);
            var cells = executed.CodeCells.ToList();
            Assert.Equal([1, 2, 3], cells.Select(c => c.ExecutionCount ?? 0));
            var outputs = cells[1].Outputs;
            // nbclient applies update_display_data: the stored display is the last update.
            Assert.Contains(outputs, o => (string?)o["output_type"] == "display_data" && o["data"]!["text/html"]!.ToJsonString().Contains("epoch 3"));
            Assert.Contains(outputs, o => (string?)o["output_type"] == "stream" && o["text"]!.ToJsonString().Contains("trained"));
            var result = Assert.Single(cells[2].Outputs);
            Assert.Equal("42", string.Concat(result["data"]!["text/plain"]!.AsArray().Select(l => (string?)l)));
            Assert.Equal("C#", (string?)executed.Metadata["language_info"]!["name"]);

            var failed = await runner.ExecuteAsync(bad, output);
            Assert.False(failed.Succeeded);
            Assert.Contains("lecture bug", failed.Log);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
