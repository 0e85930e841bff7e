using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Notebooks.Execution;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Notebooks;

public class NotebookFileTests
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Notebooks", "Fixtures", name);

    private static Notebook Sample() => NotebookFile.NewPolyglot(
        Cell.Markdown("# Title\n\nSome *prose*.", id: "md-1"),
        Cell.Code("#i \"nuget: ../artifacts/packages\"\n#r \"nuget: CourseKit, 0.1.0\"", id: "setup"),
        Cell.Code("var x = 1;\nx + 1\n", id: "code_2"),
        Cell.Code("", id: "empty"));

    [Fact]
    public void NewPolyglot_writes_the_exact_polyglot_layout()
    {
        var json = NotebookFile.ToJson(NotebookFile.NewPolyglot(
            Cell.Markdown("# Hi\nthere", id: "m"), Cell.Code("1 + 1", id: "c")));
        const string expected = """
            {
             "cells": [
              {
               "cell_type": "markdown",
               "id": "m",
               "metadata": {},
               "source": [
                "# Hi\n",
                "there"
               ]
              },
              {
               "cell_type": "code",
               "execution_count": null,
               "id": "c",
               "metadata": {
                "dotnet_interactive": {
                 "language": "csharp"
                },
                "polyglot_notebook": {
                 "kernelName": "csharp"
                }
               },
               "outputs": [],
               "source": [
                "1 + 1"
               ]
              }
             ],
             "metadata": {
              "kernelspec": {
               "display_name": ".NET (C#)",
               "language": "C#",
               "name": ".net-csharp"
              },
              "language_info": {
               "name": "polyglot-notebook"
              },
              "polyglot_notebook": {
               "kernelInfo": {
                "defaultKernelName": "csharp",
                "items": [
                 {
                  "aliases": [],
                  "name": "csharp"
                 }
                ]
               }
              }
             },
             "nbformat": 4,
             "nbformat_minor": 5
            }

            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), json);
    }

    [Fact]
    public void Write_read_write_gives_identical_bytes()
    {
        var dir = Directory.CreateTempSubdirectory("coursekit-nb-");
        try
        {
            var first = Path.Combine(dir.FullName, "a.ipynb");
            var second = Path.Combine(dir.FullName, "b.ipynb");
            NotebookFile.Write(Sample(), first);
            NotebookFile.Write(NotebookFile.Read(first), second);
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
            Assert.NotEqual(0xEF, File.ReadAllBytes(first)[0]); // no BOM
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Round_trip_preserves_ids_sources_and_metadata()
    {
        var original = Sample();
        original.Cells[2].Metadata["tags"] = new JsonArray("exercise");
        var back = NotebookFile.Parse(NotebookFile.ToJson(original), "sample.ipynb");

        Assert.Equal(original.Cells.Select(c => c.Id), back.Cells.Select(c => c.Id));
        Assert.Equal(original.Cells.Select(c => c.Source), back.Cells.Select(c => c.Source));
        Assert.Equal(original.Cells.Select(c => c.CellType), back.Cells.Select(c => c.CellType));
        Assert.Equal("exercise", (string?)back.Cells[2].Metadata["tags"]![0]);
        Assert.Equal(".net-csharp", (string?)back.Metadata["kernelspec"]!["name"]);
        Assert.Equal("var x = 1;\nx + 1\n", back.Cells[2].Source);
        Assert.Null(back.Cells[1].ExecutionCount);
    }

    [Fact]
    public void A_saved_notebook_with_outputs_is_written_back_unchanged()
    {
        // The fixture was written by nbformat (Jupyter's writer) in the Polyglot shape: sorted keys,
        // one-space indent, unicode unescaped, outputs, an unknown metadata key.
        var path = Fixture("saved-with-outputs.ipynb");
        var notebook = NotebookFile.Read(path);
        Assert.Equal(File.ReadAllText(path, Encoding.UTF8), NotebookFile.ToJson(notebook));

        Assert.Equal(["intro-1", "c2", "c3", "c4"], notebook.Cells.Select(c => c.Id));
        Assert.Equal(1.5, (double)notebook.Cells[2].Metadata["unknown_key"]!["x"]!);
        Assert.Equal(2, notebook.Cells[2].ExecutionCount);
        var result = Assert.IsType<ExecuteResultOutput>(OutputJson.FromJson(notebook.Cells[2].Outputs[1]));
        Assert.Equal("42", result.Data["text/plain"]);
        var stream = Assert.IsType<StreamOutput>(OutputJson.FromJson(notebook.Cells[1].Outputs[0]));
        Assert.Equal("hello\nworld\n", stream.Text);
    }

    [Fact]
    public void Outputs_are_stored_in_jupyter_form()
    {
        var display = OutputJson.ToJson(new DisplayDataOutput(
            new Dictionary<string, string> { ["text/plain"] = "a\nb", ["image/png"] = "iVBORw0KGgo=" }, "id1"));
        Assert.Equal("""{"data":{"image/png":"iVBORw0KGgo=","text/plain":["a\n","b"]},"metadata":{},"output_type":"display_data"}""",
            display.ToJsonString());
        var error = OutputJson.ToJson(new ErrorOutput("E", "boom", ["line 1"]));
        Assert.Equal("""{"ename":"E","evalue":"boom","output_type":"error","traceback":["line 1"]}""", error.ToJsonString());
        Assert.Throws<ArgumentException>(() => OutputJson.ToJson(new UpdateDisplayDataOutput(new Dictionary<string, string>(), "x")));
    }

    [Fact]
    public void A_written_notebook_validates_with_nbformat()
    {
        var dir = Directory.CreateTempSubdirectory("coursekit-nb-");
        try
        {
            var path = Path.Combine(dir.FullName, "sample.ipynb");
            var notebook = Sample();
            notebook.Cells[2].ExecutionCount = 1;
            notebook.Cells[2].Outputs.Add(OutputJson.ToJson(new StreamOutput("stdout", "2\n")));
            notebook.Cells[2].Outputs.Add(OutputJson.ToJson(new ExecuteResultOutput(new Dictionary<string, string> { ["text/plain"] = "2" }, 1)));
            NotebookFile.Write(notebook, path);
            NbFormat.AssertValid(path);
        }
        finally { dir.Delete(recursive: true); }
    }

    private const string Head = """{"metadata": {}, "nbformat": 4, "nbformat_minor": 5, "cells": [""";
    private const string Tail = "]}";
    private const string CodeOk = """{"cell_type": "code", "id": "ok", "metadata": {}, "execution_count": null, "outputs": [], "source": []}""";

    public static TheoryData<string, string> Malformed => new()
    {
        { "{\"cells\": [\n  {\"cell_type\": \"code\",,}\n]}", "not valid JSON at line 2, position" },
        { "[1, 2]", "top level is not a JSON object" },
        { """{"metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "\"cells\" is missing" },
        { """{"metadata": {}, "nbformat": 3, "nbformat_minor": 0, "cells": []}""", "only nbformat 4" },
        { """{"nbformat": 4, "nbformat_minor": 5, "cells": []}""", "\"metadata\" is missing" },
        { Head + CodeOk + """, {"cell_type": "markdown", "id": "bad id!", "metadata": {}, "source": ""}""" + Tail, "cell 2 (id bad id!): the id is not" },
        { Head + CodeOk + ", " + CodeOk + Tail, "cell 2 (id ok): duplicate id: cell 1" },
        { Head + """{"cell_type": "markdown", "metadata": {}, "source": ""}""" + Tail, "cell 1: the cell has no \"id\"" },
        { """{"metadata": {}, "nbformat": 4, "nbformat_minor": 4, "cells": [""" + CodeOk + Tail, "cell 1 (id ok): cells have ids but nbformat_minor is 4" },
        { Head + """{"cell_type": "code", "id": "s", "metadata": {}, "execution_count": null, "outputs": [], "source": 42}""" + Tail, "cell 1 (id s): \"source\" must be a string or an array of strings" },
        { Head + """{"cell_type": "code", "id": "s", "metadata": {}, "execution_count": null, "outputs": [], "source": ["a", 1]}""" + Tail, "\"source\" line 1 is not a string" },
        { Head + """{"cell_type": "code", "id": "s", "metadata": {}, "execution_count": null, "source": []}""" + Tail, "needs \"outputs\"" },
        { Head + """{"cell_type": "picture", "id": "s", "metadata": {}, "source": []}""" + Tail, "unknown cell_type \"picture\"" },
        { Head + """{"cell_type": "code", "id": "s", "execution_count": null, "outputs": [], "source": []}""" + Tail, "cell 1 (id s): \"metadata\" is missing" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_notebooks_are_rejected_with_file_cell_and_reason(string json, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.Parse(json, "lesson.ipynb"));
        Assert.StartsWith("lesson.ipynb:", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_names_the_file_on_disk()
    {
        var dir = Directory.CreateTempSubdirectory("coursekit-nb-");
        try
        {
            var path = Path.Combine(dir.FullName, "broken.ipynb");
            File.WriteAllText(path, "{\n \"cells\": [\n  {\n");
            var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.Read(path));
            Assert.Equal(path, error.File);
            Assert.Contains("not valid JSON at line", error.Message);
        }
        finally { dir.Delete(recursive: true); }
    }
}

public class NotebookCloneTests
{
    [Fact]
    public void Clone_is_deep_and_works_for_cells_without_ids()
    {
        var original = NotebookFile.NewPolyglot(Cell.Code("1 + 1", id: "a"), new Cell("code", "2 + 2"));
        original.Cells[0].Outputs.Add(OutputJson.ToJson(new StreamOutput("stdout", "x\n")));
        var copy = original.Clone();
        copy.Cells[0].Outputs.Clear();
        copy.Cells[0].Metadata["tags"] = new JsonArray("changed");
        Assert.Single(original.Cells[0].Outputs);
        Assert.False(original.Cells[0].Metadata.ContainsKey("tags"));
        Assert.Null(copy.Cells[1].Id);
        Assert.Equal(NotebookFile.ToJson(original), NotebookFile.ToJson(original.Clone()));
    }
}
