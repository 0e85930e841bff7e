namespace CourseKit.Notebooks.Model;

/// <summary>
/// A notebook file that is not a valid nbformat 4 notebook. The message names the file, the cell
/// (its number counting every cell from 1, as the engine's errors do, and its id) and what is wrong.
/// </summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file (or name given to <see cref="NotebookFile.Parse"/>).</param>
    /// <param name="cellIndex">The 0-based index of the bad cell (the message says "cell index+1"), or null when the problem is not in a cell.</param>
    /// <param name="cellId">The bad cell's id, when it has a readable one.</param>
    /// <param name="reason">What is wrong, and what to do where that is not obvious.</param>
    /// <param name="inner">The underlying error (e.g. the JSON parser's).</param>
    public NotebookFormatException(string file, int? cellIndex, string? cellId, string reason, Exception? inner = null)
        : base(Describe(file, cellIndex, cellId, reason), inner)
    {
        File = file;
        CellIndex = cellIndex;
        CellId = cellId;
        Reason = reason;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The 0-based index of the bad cell, or null.</summary>
    public int? CellIndex { get; }

    /// <summary>The bad cell's id, or null.</summary>
    public string? CellId { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Describe(string file, int? cellIndex, string? cellId, string reason)
    {
        var where = cellIndex is null ? "" : cellId is null ? $" cell {cellIndex + 1}:" : $" cell {cellIndex + 1} (id {cellId}):";
        return $"{file}:{where} {reason}";
    }
}
