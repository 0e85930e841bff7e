namespace CourseKit.Notebooks.Execution;

/// <summary>Where a cell is in its notebook, for messages: "cell 3 (id abc)".</summary>
/// <param name="Number">The cell's position in the notebook, counting every cell from 1.</param>
/// <param name="Id">The cell's nbformat id, if it has one.</param>
public sealed record CellLocation(int Number, string? Id)
{
    /// <summary>"cell 3 (id abc)" or "cell 3".</summary>
    public override string ToString() => Id is null ? $"cell {Number}" : $"cell {Number} (id {Id})";
}
