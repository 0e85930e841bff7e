using CourseKit.Notebooks.Execution;

namespace CourseKit.Tests.Notebooks;

/// <summary>Collects a cell's outputs.</summary>
internal sealed class ListSink : IOutputSink
{
    public List<NotebookOutput> Outputs { get; } = [];

    public void Write(NotebookOutput output)
    {
        lock (Outputs) Outputs.Add(output);
    }

    public string Stdout => string.Concat(Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));

    public string Stderr => string.Concat(Outputs.OfType<StreamOutput>().Where(s => s.Name == "stderr").Select(s => s.Text));
}

/// <summary>One C# session shared by a test class (a Roslyn compile costs ~0.3–1 s, the first one more).</summary>
public sealed class SessionFixture : IDisposable
{
    public CSharpSession Session { get; } = new(Path.Combine(AppContext.BaseDirectory, "Notebooks", "Fixtures"));

    internal async Task<(CellResult Result, ListSink Sink)> Run(string code, CellLocation? location = null, CancellationToken cancellationToken = default)
    {
        var sink = new ListSink();
        var result = await Session.ExecuteAsync(code, sink, location, cancellationToken);
        return (result, sink);
    }

    public void Dispose() => Session.Dispose();
}
