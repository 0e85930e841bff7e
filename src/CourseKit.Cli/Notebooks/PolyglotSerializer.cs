using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace CourseKit.Cli.Notebooks;

/// <summary>
/// Saves a notebook exactly as Polyglot Notebooks saves it: read and written by .NET Interactive's own serializer,
/// <c>Microsoft.DotNet.Interactive.Documents</c> 1.0.0-beta.26120.1 (<c>Notebook.Read</c>, <c>Notebook.Write</c>), with the
/// kernels the notebook itself names in <c>metadata.polyglot_notebook.kernelInfo</c>. That serializer keeps every
/// cell's text byte for byte, fixes the key order, adds top-level <c>metadata.kernelInfo</c> and ends the file without
/// a newline.
/// </summary>
public static class PolyglotSerializer
{
    /// <summary>The bytes Polyglot Notebooks would save for the notebook in <paramref name="ipynb"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a Jupyter notebook the serializer can read.</exception>
    public static byte[] Normalize(byte[] ipynb)
    {
        var kernels = KernelsOf(ipynb);
        InteractiveDocument document;
        try
        {
            using var input = new MemoryStream(ipynb);
            document = Notebook.Read(input, kernels);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"Not a notebook .NET Interactive can read: {e.Message}", e);
        }
        using var output = new MemoryStream();
        Notebook.Write(document, output, kernels);
        return output.ToArray();
    }

    // The notebook's own kernel list (Polyglot's polyglot_notebook.kernelInfo); C# alone when it names none.
    private static KernelInfoCollection KernelsOf(byte[] ipynb)
    {
        var kernels = new KernelInfoCollection();
        JsonNode? info = null;
        try { info = JsonNode.Parse(ipynb)?["metadata"]?["polyglot_notebook"]?["kernelInfo"]; }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"Not JSON: {e.Message}", e); }
        foreach (var item in info?["items"]?.AsArray() ?? [])
        {
            var name = (string?)item?["name"];
            if (name is null) continue;
            var aliases = item!["aliases"]?.AsArray().Select(a => (string?)a).OfType<string>().ToArray() ?? [];
            kernels.Add(new KernelInfo(name, LanguageOf(name), aliases));
        }
        if (kernels.Count == 0) kernels.Add(new KernelInfo("csharp", "C#"));
        kernels.DefaultKernelName = (string?)info?["defaultKernelName"] ?? "csharp";
        return kernels;
    }

    private static string? LanguageOf(string kernel) => kernel switch
    {
        "csharp" => "C#",
        "fsharp" => "F#",
        "pwsh" => "PowerShell",
        "markdown" => "Markdown",
        _ => null,
    };
}
