using System.Text.Json.Nodes;
using CourseKit.Notebooks.Execution;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Notebooks;

/// <summary>`coursekit run`: each notebook in a child process, executed copies in an output folder, failures named.</summary>
public class RunCommandTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);

    [Fact]
    public void Run_executes_a_folder_writes_executed_copies_and_names_the_failing_cell()
    {
        var source = NotebookFileTests.Fixture("run");
        var output = Directory.CreateTempSubdirectory("coursekit-run-").FullName;
        try
        {
            var (exit, stdout, stderr) = Cli.Run(Generous, "run", source, "--output", output, "--jobs", "2");

            // failing.ipynb fails at its third cell, line 2; sample.ipynb passes.
            Assert.Equal(1, exit);
            Assert.Contains("1 passed, 1 failed", stdout);
            Assert.Contains("FAILED", stderr);
            Assert.Contains("failing.ipynb: cell 3 (id boom): System.InvalidOperationException: cell 3 (id boom), line 2: deliberate failure", stderr);
            Assert.Matches(@"sample\.ipynb\s+ok\s+\d+\.\d s", stdout);
            Assert.Contains("code cell 2/4  cell 2 (id fine)", stderr); // per-cell progress from the child

            var sample = NotebookFile.Read(Path.Combine(output, "sample.ipynb"));
            NbFormat.AssertValid(Path.Combine(output, "sample.ipynb"));
            Assert.Equal([1, 2, 3, 4, 5], sample.CodeCells.Select(c => c.ExecutionCount ?? 0));
            var started = Assert.IsType<StreamOutput>(OutputJson.FromJson(sample.Cells[2].Outputs.Single()));
            Assert.Equal("started\n", started.Text);
            // The progress bar was updated three times: the executed copy shows its last state only.
            var bar = Assert.IsType<DisplayDataOutput>(OutputJson.FromJson(sample.Cells[3].Outputs.Single()));
            Assert.Contains("3/3", bar.Data["text/plain"]);
            // The working directory was the notebook's folder.
            Assert.Equal("True", ((ExecuteResultOutput)OutputJson.FromJson(sample.Cells[5].Outputs.Single())!).Data["text/plain"]);
            var tensor = (ExecuteResultOutput)OutputJson.FromJson(sample.Cells[6].Outputs.Single())!;
            Assert.Contains("<td", tensor.Data["text/html"]);
            Assert.Contains("[[0, 1, 2]", tensor.Data["text/plain"]);

            var failing = NotebookFile.Read(Path.Combine(output, "failing.ipynb"));
            var error = Assert.IsType<ErrorOutput>(OutputJson.FromJson(failing.Cells[2].Outputs.Single()));
            Assert.Equal("cell 3 (id boom), line 2: deliberate failure", error.EValue);
            Assert.Null(failing.Cells[3].ExecutionCount);
            Assert.Empty(failing.Cells[3].Outputs);

            // The sources are untouched: no outputs were written into them.
            Assert.All(NotebookFile.Read(Path.Combine(source, "sample.ipynb")).CodeCells, c => Assert.Empty(c.Outputs));
        }
        finally { Directory.Delete(output, recursive: true); }
    }

    [Fact]
    public void A_notebook_that_never_ends_is_stopped_at_its_budget_naming_the_cell()
    {
        var output = Directory.CreateTempSubdirectory("coursekit-run-").FullName;
        try
        {
            var (exit, _, stderr) = Cli.Run(Generous, "run", NotebookFileTests.Fixture("endless"), "--output", output, "--timeout-per-notebook", "25");
            Assert.Equal(1, exit);
            Assert.Contains("endless.ipynb: cell 2 (id spin): ran out of the 25 s budget", stderr);
            var executed = NotebookFile.Read(Path.Combine(output, "endless.ipynb"));
            Assert.Contains("spinning", ((JsonArray)executed.Cells[1].Outputs[0]["text"]!).ToJsonString());
        }
        finally { Directory.Delete(output, recursive: true); }
    }

    [Fact]
    public void Run_refuses_to_write_over_the_sources_and_explains_bad_paths()
    {
        var source = NotebookFileTests.Fixture("run");
        var (exit, _, stderr) = Cli.Run(TimeSpan.FromMinutes(1), "run", source, "--output", source);
        Assert.Equal(2, exit);
        Assert.Contains("is the source folder", stderr);

        var (missingExit, _, missing) = Cli.Run(TimeSpan.FromMinutes(1), "run", Path.Combine(source, "nope"));
        Assert.Equal(2, missingExit);
        Assert.Contains("does not exist", missing);
    }
}
