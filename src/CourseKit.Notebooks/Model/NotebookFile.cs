using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CourseKit.Notebooks.Model;

/// <summary>
/// Reads and writes .ipynb files in the format Polyglot Notebooks writes (nbformat 4.5): keys in
/// Jupyter's order, one-space indent, <c>\n</c> line ends, <c>source</c> as an array of lines each
/// ending in <c>\n</c> except the last. Writing what was read gives back the same content; writing a
/// file this class wrote gives back the same bytes.
/// </summary>
public static partial class NotebookFile
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonDocumentOptions ReaderOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellIdPattern();

    /// <summary>Reads and checks a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file is not a valid nbformat 4 notebook.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static Notebook Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No notebook at {path}.", path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Writes a notebook (UTF-8 without BOM, trailing newline), creating the folder if needed.</summary>
    public static void Write(Notebook notebook, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToJson(notebook), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>A new notebook with the Polyglot C# notebook metadata, nbformat 4.5.</summary>
    /// <param name="cells">The cells (<see cref="Cell.Code"/>, <see cref="Cell.Markdown"/>).</param>
    public static Notebook NewPolyglot(IEnumerable<Cell> cells) => new(cells, PolyglotMetadata());

    /// <summary>A new notebook with the Polyglot C# notebook metadata, nbformat 4.5.</summary>
    public static Notebook NewPolyglot(params Cell[] cells) => NewPolyglot((IEnumerable<Cell>)cells);

    /// <summary>The notebook metadata of a Polyglot C# notebook (VS Code opens it as .NET because of <c>kernelspec.name</c>).</summary>
    public static JsonObject PolyglotMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
        ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };

    /// <summary>The notebook as .ipynb text, exactly as <see cref="Write"/> stores it.</summary>
    public static string ToJson(Notebook notebook)
    {
        var root = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["cells"] = new JsonArray([.. notebook.Cells.Select(CellToJson)]),
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = notebook.NbFormat,
            ["nbformat_minor"] = notebook.NbFormatMinor,
        };
        foreach (var (key, value) in notebook.Extra) root[key] = value?.DeepClone();

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            new JsonObject(root).WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Splits text into Jupyter's multiline form: lines each ending in <c>\n</c> except the last.</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var stop = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..stop]);
            start = stop;
        }
        return lines;
    }

    private static JsonObject CellToJson(Cell cell)
    {
        // Jupyter and Polyglot both write keys in sorted order: cell_type, execution_count, id, metadata, outputs, source.
        var keys = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["cell_type"] = cell.CellType,
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = ToLines(cell.Source),
        };
        if (cell.Id is not null) keys["id"] = cell.Id;
        if (cell.IsCode)
        {
            keys["execution_count"] = cell.ExecutionCount is int count ? JsonValue.Create(count) : null;
            keys["outputs"] = new JsonArray([.. cell.Outputs.Select(o => o.DeepClone())]);
        }
        foreach (var (key, value) in cell.Extra) keys[key] = value?.DeepClone();
        return new JsonObject(keys);
    }

    /// <summary>Parses and checks .ipynb text.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <exception cref="NotebookFormatException">Not a valid nbformat 4 notebook; the message says where and why.</exception>
    public static Notebook Parse(string json, string fileName)
    {
        JsonNode? rootNode;
        try
        {
            rootNode = JsonNode.Parse(json, documentOptions: ReaderOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new NotebookFormatException(fileName, null, null,
                $"not valid JSON at line {line}, position {position}: {FirstSentence(e.Message)} Fix the file (a merge conflict or a truncated save?) or restore it from git.", e);
        }

        if (rootNode is not JsonObject root)
            throw Fail(fileName, "the top level is not a JSON object, so this is not a notebook.");

        var nbformat = ReadInt(root, "nbformat", fileName);
        if (nbformat != 4)
            throw Fail(fileName, $"nbformat is {nbformat}; only nbformat 4 notebooks are supported (open and re-save it in Jupyter or VS Code).");
        var minor = ReadInt(root, "nbformat_minor", fileName);

        if (root["metadata"] is not JsonObject metadata)
            throw Fail(fileName, "\"metadata\" is missing or not an object (a Polyglot notebook has kernelspec, language_info and polyglot_notebook there).");
        if (!root.ContainsKey("cells"))
            throw Fail(fileName, "\"cells\" is missing.");
        if (root["cells"] is not JsonArray cellsArray)
            throw Fail(fileName, "\"cells\" is not an array.");

        var cells = new List<Cell>();
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < cellsArray.Count; index++)
            cells.Add(ParseCell(cellsArray[index], index, minor, seenIds, fileName));

        var notebook = new Notebook(cells, (JsonObject)metadata.DeepClone(), nbformat, minor);
        foreach (var (key, value) in root)
            if (key is not ("cells" or "metadata" or "nbformat" or "nbformat_minor"))
                notebook.Extra[key] = value?.DeepClone();
        return notebook;
    }

    private static Cell ParseCell(JsonNode? node, int index, int minor, Dictionary<string, int> seenIds, string fileName)
    {
        if (node is not JsonObject cell)
            throw new NotebookFormatException(fileName, index, null, "the cell is not a JSON object.");

        string? id = null;
        if (cell.TryGetPropertyValue("id", out var idNode))
        {
            if (idNode is not JsonValue idValue || !idValue.TryGetValue(out id))
                throw new NotebookFormatException(fileName, index, null, "\"id\" is not a string.");
            if (minor < 5)
                throw new NotebookFormatException(fileName, index, id,
                    $"cells have ids but nbformat_minor is {minor}; ids exist from 4.5 on (set nbformat_minor to 5).");
            if (!CellIdPattern().IsMatch(id))
                throw new NotebookFormatException(fileName, index, id,
                    "the id is not 1–64 characters of letters, digits, '-' or '_'.");
            if (seenIds.TryGetValue(id, out var first))
                throw new NotebookFormatException(fileName, index, id,
                    $"duplicate id: cell {first + 1} has the same id; give one of them a new id.");
            seenIds[id] = index;
        }
        else if (minor >= 5)
        {
            throw new NotebookFormatException(fileName, index, null, $"the cell has no \"id\", which nbformat 4.{minor} requires.");
        }

        var cellType = ReadCellString(cell, "cell_type", index, id, fileName);
        if (!Cell.CellTypes.Contains(cellType))
            throw new NotebookFormatException(fileName, index, id, $"unknown cell_type \"{cellType}\" (expected code, markdown or raw).");

        if (cell["metadata"] is not JsonObject metadata)
            throw new NotebookFormatException(fileName, index, id, "\"metadata\" is missing or not an object.");

        var source = ReadMultiline(cell, "source", index, id, fileName);
        var result = new Cell(cellType, source, id, (JsonObject)metadata.DeepClone());

        if (result.IsCode)
        {
            if (!cell.ContainsKey("execution_count"))
                throw new NotebookFormatException(fileName, index, id, "a code cell needs \"execution_count\" (null when not run).");
            var count = cell["execution_count"];
            if (count is not null)
            {
                if (count is not JsonValue countValue || !countValue.TryGetValue(out int executionCount))
                    throw new NotebookFormatException(fileName, index, id, "\"execution_count\" is neither null nor an integer.");
                result.ExecutionCount = executionCount;
            }
            if (cell["outputs"] is not JsonArray outputs)
                throw new NotebookFormatException(fileName, index, id, "a code cell needs \"outputs\" (an array, [] when not run).");
            for (var o = 0; o < outputs.Count; o++)
            {
                if (outputs[o] is not JsonObject output || output["output_type"] is not JsonValue)
                    throw new NotebookFormatException(fileName, index, id, $"output {o} is not an object with an \"output_type\".");
                result.Outputs.Add((JsonObject)output.DeepClone());
            }
        }
        else if (cell.ContainsKey("outputs") || cell.ContainsKey("execution_count"))
        {
            throw new NotebookFormatException(fileName, index, id, $"a {cellType} cell cannot have outputs or an execution_count.");
        }

        foreach (var (key, value) in cell)
            if (key is not ("id" or "cell_type" or "metadata" or "source" or "execution_count" or "outputs"))
                result.Extra[key] = value?.DeepClone();
        return result;
    }

    /// <summary>Reads a Jupyter multiline string: a string, or an array of strings joined as they are.</summary>
    private static string ReadMultiline(JsonObject cell, string key, int index, string? id, string fileName)
    {
        switch (cell[key])
        {
            case null when !cell.ContainsKey(key):
                throw new NotebookFormatException(fileName, index, id, $"\"{key}\" is missing.");
            case JsonValue value when value.TryGetValue(out string? text):
                return text;
            case JsonArray lines:
                var builder = new StringBuilder();
                for (var i = 0; i < lines.Count; i++)
                {
                    if (lines[i] is not JsonValue line || !line.TryGetValue(out string? part))
                        throw new NotebookFormatException(fileName, index, id, $"\"{key}\" line {i} is not a string.");
                    builder.Append(part);
                }
                return builder.ToString();
            default:
                throw new NotebookFormatException(fileName, index, id, $"\"{key}\" must be a string or an array of strings.");
        }
    }

    private static string ReadCellString(JsonObject cell, string key, int index, string? id, string fileName) =>
        cell[key] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new NotebookFormatException(fileName, index, id, $"\"{key}\" is missing or not a string.");

    private static int ReadInt(JsonObject root, string key, string fileName) =>
        root[key] is JsonValue value && value.TryGetValue(out int number)
            ? number
            : throw Fail(fileName, $"\"{key}\" is missing or not an integer.");

    private static NotebookFormatException Fail(string fileName, string reason) => new(fileName, null, null, reason);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
