using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Notebooks.Model;

namespace CourseKit.Notebooks.Execution;

/// <summary>The outcome of running a notebook.</summary>
/// <param name="Executed">A copy of the notebook with outputs and execution counts (cells after a failure are left unrun).</param>
/// <param name="Failure">The failing cell, or null when every cell succeeded.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
public sealed record NotebookRunResult(Notebook Executed, CellFailure? Failure, TimeSpan Elapsed)
{
    /// <summary>True when every code cell ran without error.</summary>
    public bool Succeeded => Failure is null;
}
