using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Notebooks.Model;

namespace CourseKit.Notebooks.Execution;

/// <summary>The cell a notebook run stopped at, and why.</summary>
/// <param name="Location">The cell ("cell 3 (id abc)").</param>
/// <param name="Error">The error output it produced.</param>
public sealed record CellFailure(CellLocation Location, ErrorOutput Error)
{
    /// <summary>"cell 3 (id abc): System.InvalidOperationException: cell 3 (id abc), line 2: boom".</summary>
    public override string ToString() => $"{Location}: {Error.EName}: {Error.EValue}";
}
