namespace CourseKit.Notebooks.Execution;

/// <summary>Receives a cell's outputs as they happen (so a host can stream them).</summary>
public interface IOutputSink
{
    /// <summary>Called for every output, in order.</summary>
    void Write(NotebookOutput output);
}
