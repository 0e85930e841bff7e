using System.Text.Json.Nodes;

namespace CourseKit.Notebooks.Model;

/// <summary>
/// One cell of a notebook: code or markdown (or raw), with its nbformat 4.5 id, its metadata (kept as
/// read, unknown keys included) and, for code cells, its outputs and execution count.
/// </summary>
public sealed class Cell
{
    /// <summary>The cell kinds nbformat 4 knows.</summary>
    public static readonly IReadOnlyList<string> CellTypes = ["code", "markdown", "raw"];

    /// <summary>Creates a cell; prefer <see cref="Code"/> and <see cref="Markdown"/>.</summary>
    /// <param name="cellType"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
    /// <param name="source">The cell's text (lines separated by <c>\n</c>).</param>
    /// <param name="id">The nbformat 4.5 cell id, or null for none.</param>
    /// <param name="metadata">The cell metadata; an empty object when null.</param>
    public Cell(string cellType, string source, string? id = null, JsonObject? metadata = null)
    {
        CellType = cellType;
        Source = source;
        Id = id;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>The nbformat 4.5 id: unique in the notebook, <c>[a-zA-Z0-9_-]{1,64}</c>; null in files older than 4.5.</summary>
    public string? Id { get; set; }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType { get; set; }

    /// <summary>The cell's text, lines separated by <c>\n</c> (the file stores it as an array of lines).</summary>
    public string Source { get; set; }

    /// <summary>The cell metadata exactly as read (Polyglot code cells carry <c>dotnet_interactive</c> and <c>polyglot_notebook</c>).</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>Outputs of a code cell as Jupyter output objects (see <see cref="OutputJson"/> to convert); empty when not executed.</summary>
    public List<JsonObject> Outputs { get; } = [];

    /// <summary>The execution count of a code cell; null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Keys of the cell object this model does not know (e.g. <c>attachments</c>), kept so a rewrite loses nothing.</summary>
    public JsonObject Extra { get; } = new();

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>A C# code cell with the Polyglot metadata (<c>dotnet_interactive</c> and <c>polyglot_notebook</c>).</summary>
    /// <param name="source">The code, lines separated by <c>\n</c>.</param>
    /// <param name="id">The cell id; a new random one when null.</param>
    public static Cell Code(string source, string? id = null) =>
        new("code", source, id ?? NewId(), PolyglotCodeMetadata());

    /// <summary>A markdown cell (metadata <c>{}</c>, as Polyglot writes it).</summary>
    /// <param name="source">The markdown, lines separated by <c>\n</c>.</param>
    /// <param name="id">The cell id; a new random one when null.</param>
    public static Cell Markdown(string source, string? id = null) =>
        new("markdown", source, id ?? NewId());

    /// <summary>The metadata Polyglot Notebooks writes on every C# code cell.</summary>
    public static JsonObject PolyglotCodeMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
    };

    /// <summary>A fresh random cell id (16 hex digits).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..16];
}
