using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Kernel.Protocol;
using CourseKit.Notebooks.Execution;

namespace CourseKit.Kernel;

/// <summary>Turns a running cell's outputs into iopub messages whose parent is its execute_request.</summary>
internal sealed class IopubOutputSink(IopubPublisher publisher, JupyterMessage request, string session, bool silent) : IOutputSink
{
    /// <summary>True once an error output went out (so the kernel does not send the cell's error twice).</summary>
    public bool SentError { get; private set; }

    public void Write(NotebookOutput output)
    {
        if (output is ErrorOutput)
            SentError = true;
        if (silent)
            return;
        var (type, content) = ToMessage(output);
        publisher.Publish(JupyterMessage.Create(type, content, request, session, identities: []));
    }

    /// <summary>The iopub msg_type and content of an output (nbformat's output shapes).</summary>
    public static (string Type, JsonObject Content) ToMessage(NotebookOutput output) => output switch
    {
        StreamOutput s => ("stream", new JsonObject { ["name"] = s.Name, ["text"] = s.Text }),
        DisplayDataOutput d => ("display_data", new JsonObject
        {
            ["data"] = MimeBundle(d.Data),
            ["metadata"] = new JsonObject(),
            ["transient"] = d.DisplayId is null ? new JsonObject() : new JsonObject { ["display_id"] = d.DisplayId },
        }),
        UpdateDisplayDataOutput u => ("update_display_data", new JsonObject
        {
            ["data"] = MimeBundle(u.Data),
            ["metadata"] = new JsonObject(),
            ["transient"] = new JsonObject { ["display_id"] = u.DisplayId },
        }),
        ExecuteResultOutput r => ("execute_result", new JsonObject
        {
            ["execution_count"] = r.ExecutionCount,
            ["data"] = MimeBundle(r.Data),
            ["metadata"] = new JsonObject(),
        }),
        ErrorOutput e => ("error", ErrorContent(e)),
        _ => throw new ArgumentException($"Unknown output type {output.GetType().Name}", nameof(output)),
    };

    /// <summary>The <c>ename</c>/<c>evalue</c>/<c>traceback</c> triple.</summary>
    public static JsonObject ErrorContent(ErrorOutput e) => new()
    {
        ["ename"] = e.EName,
        ["evalue"] = e.EValue,
        ["traceback"] = new JsonArray(e.Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
    };

    /// <summary>
    /// A mime bundle as JSON. Text types stay strings; JSON types (<c>application/json</c>,
    /// <c>application/vnd.plotly.v1+json</c>, …) are embedded as JSON, as Jupyter expects.
    /// </summary>
    public static JsonObject MimeBundle(IReadOnlyDictionary<string, string> data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, value) in data)
            bundle[mime] = IsJsonMime(mime) && TryParse(value) is { } json ? json : JsonValue.Create(value);
        return bundle;
    }

    private static bool IsJsonMime(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
