using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Notebooks.Model;

namespace CourseKit.Notebooks.Execution;

/// <summary>
/// Runs a notebook's code cells top to bottom in one <see cref="CSharpSession"/>, recording each cell's outputs
/// and execution count in a copy of the notebook, and stops at the first failing cell. Updates of a display
/// (<c>handle.Update(x)</c>) replace that display's content, so the executed notebook shows the final state.
/// </summary>
public static class NotebookRunner
{
    /// <summary>
    /// Reads and runs a notebook file, with its folder as the current directory (so <c>../data</c> works) and as
    /// the base of relative <c>#r</c> paths. Runs one notebook at a time per process (it sets the current directory).
    /// </summary>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook.</exception>
    public static async Task<NotebookRunResult> RunFileAsync(string path, IProgress<CellRun>? progress = null, CancellationToken cancellationToken = default)
    {
        var notebook = NotebookFile.Read(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        try
        {
            using var session = new CSharpSession(folder);
            return await RunAsync(notebook, session, progress, cancellationToken);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>Runs a notebook in the given session; the notebook itself is not changed.</summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, INotebookSession session, IProgress<CellRun>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var executed = notebook.Clone();
        foreach (var cell in executed.CodeCells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }

        var displays = new Dictionary<string, JsonObject>();
        var codeCells = executed.Cells.Select((cell, index) => (cell, index)).Where(c => c.cell.IsCode).ToList();
        for (var n = 0; n < codeCells.Count; n++)
        {
            var (cell, index) = codeCells[n];
            var location = new CellLocation(index + 1, cell.Id);
            var recorder = new OutputRecorder(cell, displays);
            var result = session is CSharpSession csharp
                ? await csharp.ExecuteAsync(cell.Source, recorder, location, cancellationToken)
                : await session.ExecuteAsync(cell.Source, recorder, cancellationToken);
            cell.ExecutionCount = result.ExecutionCount;
            progress?.Report(new CellRun(location, n + 1, codeCells.Count, result));
            if (!result.Succeeded)
                return new NotebookRunResult(executed, new CellFailure(location, result.Error ?? new ErrorOutput("Error", $"{location} failed.", [])), stopwatch.Elapsed);
        }
        return new NotebookRunResult(executed, null, stopwatch.Elapsed);
    }

    /// <summary>Stores a cell's outputs in Jupyter form: consecutive stream text merged, display updates applied in place.</summary>
    private sealed class OutputRecorder(Cell cell, Dictionary<string, JsonObject> displays) : IOutputSink
    {
        public void Write(NotebookOutput output)
        {
            lock (displays)
            {
                switch (output)
                {
                    case UpdateDisplayDataOutput update:
                        if (displays.TryGetValue(update.DisplayId, out var shown))
                            shown["data"] = OutputJson.DataToJson(update.Data);
                        else
                            Add(new DisplayDataOutput(update.Data, update.DisplayId)); // an update without a display shows as a display
                        break;
                    case StreamOutput stream when cell.Outputs.LastOrDefault() is { } last
                                                  && (string?)last["output_type"] == "stream" && (string?)last["name"] == stream.Name:
                        var text = string.Concat(((JsonArray)last["text"]!).Select(l => (string?)l)) + stream.Text;
                        last["text"] = NotebookFile.ToLines(text);
                        break;
                    default:
                        Add(output);
                        break;
                }
            }
        }

        private void Add(NotebookOutput output)
        {
            var json = OutputJson.ToJson(output);
            cell.Outputs.Add(json);
            if (output is DisplayDataOutput { DisplayId: { } id }) displays[id] = json;
        }
    }
}
