using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Notebooks.Execution;

namespace CourseKit.Notebooks.Model;

/// <summary>
/// Converts between the engine's output records and the Jupyter output objects stored in .ipynb files
/// (keys in Jupyter's sorted order; text as arrays of lines; PNG as one base64 string).
/// </summary>
public static class OutputJson
{
    /// <summary>
    /// The stored form of an output. <see cref="UpdateDisplayDataOutput"/> has no stored form (an executed
    /// notebook stores the final content of each display), so it is rejected here.
    /// </summary>
    /// <exception cref="ArgumentException">For <see cref="UpdateDisplayDataOutput"/>.</exception>
    public static JsonObject ToJson(NotebookOutput output) => output switch
    {
        StreamOutput s => new JsonObject
        {
            ["name"] = s.Name,
            ["output_type"] = "stream",
            ["text"] = NotebookFile.ToLines(s.Text),
        },
        DisplayDataOutput d => new JsonObject
        {
            ["data"] = DataToJson(d.Data),
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        },
        ExecuteResultOutput r => new JsonObject
        {
            ["data"] = DataToJson(r.Data),
            ["execution_count"] = r.ExecutionCount,
            ["metadata"] = new JsonObject(),
            ["output_type"] = "execute_result",
        },
        ErrorOutput e => new JsonObject
        {
            ["ename"] = e.EName,
            ["evalue"] = e.EValue,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray([.. e.Traceback.Select(line => (JsonNode?)line)]),
        },
        UpdateDisplayDataOutput => throw new ArgumentException(
            "update_display_data is not stored in a notebook file; apply it to the display it updates.", nameof(output)),
        _ => throw new ArgumentException($"Unknown output type {output.GetType().Name}.", nameof(output)),
    };

    /// <summary>A mime bundle in stored form: text types as line arrays, JSON types as JSON, the rest (base64) as one string.</summary>
    public static JsonObject DataToJson(IReadOnlyDictionary<string, string> data)
    {
        var json = new JsonObject();
        foreach (var (mime, content) in data.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json[mime] = IsJsonMime(mime) ? JsonNode.Parse(content)
                : IsTextMime(mime) ? NotebookFile.ToLines(content)
                : content;
        }
        return json;
    }

    /// <summary>Reads a stored output back into a record (for graders and tests). Unknown types give null.</summary>
    public static NotebookOutput? FromJson(JsonObject output) => (string?)output["output_type"] switch
    {
        "stream" => new StreamOutput((string?)output["name"] ?? "stdout", Text(output["text"])),
        "display_data" => new DisplayDataOutput(DataFromJson(output["data"]), null),
        "execute_result" => new ExecuteResultOutput(DataFromJson(output["data"]), (int?)output["execution_count"] ?? 0),
        "error" => new ErrorOutput((string?)output["ename"] ?? "", (string?)output["evalue"] ?? "",
            output["traceback"] is JsonArray lines ? [.. lines.Select(l => (string?)l ?? "")] : []),
        _ => null,
    };

    private static Dictionary<string, string> DataFromJson(JsonNode? data)
    {
        var result = new Dictionary<string, string>();
        if (data is JsonObject bundle)
            foreach (var (mime, content) in bundle)
                result[mime] = content is JsonObject or JsonArray && IsJsonMime(mime) ? content.ToJsonString() : Text(content);
        return result;
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => (string)value!,
        null => "",
        _ => node.ToJsonString(),
    };

    private static bool IsJsonMime(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    private static bool IsTextMime(string mime) => mime.StartsWith("text/", StringComparison.Ordinal)
        || mime is "application/javascript" or "image/svg+xml";
}
