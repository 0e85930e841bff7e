using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Notebooks;

/// <summary>
/// The numbers a notebook checks, per engine: every line an <c>Agreement.Check</c> or a self-check shows (the
/// comparison of the notebook's own version of an idea with the library's, with its measured error). The kit's engine,
/// the kit's kernel and the real .NET Interactive kernel must run the same checks in the same order with the same
/// verdicts; the measured errors are kept per engine in the files. Each engine's lines go to
/// out/engine-numbers/ENGINE/NOTEBOOK.txt; whichever engine runs a notebook last compares them with the others'.
/// </summary>
internal static partial class EngineNumbers
{
    private static readonly object Gate = new();
    private static readonly Lazy<string> Folder = new(() =>
    {
        // Fresh for each test run: the lines of an earlier run are not this run's.
        var folder = Path.Combine(Cli.RepositoryRoot(), "out", "engine-numbers");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return folder;
    });

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\s*(✔ .*|.*: \d+/\d+ (?:visible )?checks pass)\s*$", RegexOptions.Multiline)]
    private static partial Regex CheckedLine();

    /// <summary>Records <paramref name="engine"/>'s lines for <paramref name="notebook"/> and asserts they equal every other engine's so far.</summary>
    public static void RecordAndCompare(string engine, string notebook, string executedPath)
    {
        var lines = LinesOf(NotebookFile.Read(executedPath));
        string name = notebook.Replace('/', '_') + ".txt";
        lock (Gate)
        {
            var mine = Path.Combine(Folder.Value, engine, name);
            Directory.CreateDirectory(Path.GetDirectoryName(mine)!);
            File.WriteAllLines(mine, lines);
            foreach (var other in Directory.GetDirectories(Folder.Value).Where(d => Path.GetFileName(d) != engine))
            {
                var theirs = Path.Combine(other, name);
                if (!File.Exists(theirs)) continue;
                var expected = File.ReadAllLines(theirs);
                Assert.True(expected.Select(Verdict).SequenceEqual(lines.Select(Verdict)),
                    $"{notebook}: {engine} shows other checked numbers than {Path.GetFileName(other)}:\n" +
                    $"--- {Path.GetFileName(other)}\n{string.Join("\n", expected)}\n--- {engine}\n{string.Join("\n", lines)}");
            }
        }
    }

    /// <summary>
    /// What a line asserts, without its measured error: which check ran and that it agreed ("✔ conv2d: loops vs
    /// Conv2dLayer"), or how many self-checks passed. The errors themselves (float32 sums in another thread order may
    /// differ in the last digit) stay in the files for a reader to compare.
    /// </summary>
    private static string Verdict(string line)
    {
        int measured = line.IndexOf(": max |Δ|", StringComparison.Ordinal);
        return measured >= 0 ? line[..measured] : line;
    }

    /// <summary>The checked lines of an executed notebook, in order, from any text or HTML output.</summary>
    public static List<string> LinesOf(Notebook executed)
    {
        var lines = new List<string>();
        foreach (var cell in executed.CodeCells)
            foreach (var output in cell.Outputs)
            {
                // One representation per output: HTML when there is one (the real kernel's), else text.
                string? text = Text(output["data"]?["text/html"]) is { } html ? WebUtility.HtmlDecode(Tag().Replace(html, "\n"))
                    : Text(output["data"]?["text/plain"]) ?? Text(output["text"]);
                if (text is null) continue;
                lines.AddRange(CheckedLine().Matches(text).Select(m => m.Groups[1].Value.Trim()));
            }
        return lines;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonArray parts => string.Concat(parts.Select(p => (string?)p)),
        JsonValue value => (string?)value,
        _ => null,
    };
}
