using System.Runtime.CompilerServices;
using CourseKit.Visualization;

namespace CourseKit.FileApps;

/// <summary>
/// The notebook display surface for C# file-based apps (<c>dotnet run lecture.cs</c>, made by
/// <c>coursekit export</c>): <c>display(x)</c>, <c>x.Display()</c> and <c>html.DisplayAs("text/html")</c>
/// write each shown value to a file in a folder beside the app (<c>lecture.output/001.png</c>, <c>002.html</c>, …)
/// and print its path; an update rewrites the same file, so the folder ends with what the notebook would show.
/// </summary>
/// <example><code>
/// using static CourseKit.FileApps.FileDisplay;
/// FileDisplay.Install();                                // output folder: &lt;this file&gt;.output
/// Pictures.ShowImages(Photos.Load("camera"));  // writes lecture.output/001.png
/// </code></example>
public static class FileDisplay
{
    private static readonly object Gate = new();
    private static string? folder;
    private static int shown;

    /// <summary>The folder displays are written to (null before <see cref="Install"/>).</summary>
    public static string? Folder => folder;

    /// <summary>
    /// Starts writing displays to <paramref name="outputFolder"/>, by default <c>NAME.output</c> beside the
    /// calling source file (the app). Clears files an earlier run left there.
    /// </summary>
    /// <param name="outputFolder">Where to write; null for the default.</param>
    /// <param name="appFile">Filled in by the compiler with the calling source file.</param>
    /// <returns>The folder.</returns>
    public static string Install(string? outputFolder = null, [CallerFilePath] string appFile = "")
    {
        lock (Gate)
        {
            folder = Path.GetFullPath(outputFolder ?? Path.ChangeExtension(appFile, ".output"));
            Directory.CreateDirectory(folder);
            foreach (var old in Directory.EnumerateFiles(folder, "*-display.*"))
                File.Delete(old);
            shown = 0;
            // Library helpers that show things (live training progress) write here too.
            Output.SetHost(value => display(value));
            return folder;
        }
    }

    /// <summary>Shows a value the way a notebook's <c>display(x)</c> does: written to a file (text also printed).</summary>
    /// <param name="value">A <see cref="RichOutput"/> (pictures, charts, tables) or any value (shown as text).</param>
    /// <param name="mimeTypes">Only these representations of a <see cref="RichOutput"/> (all when empty).</param>
    /// <returns>A handle whose <see cref="IDisplayHandle.Update"/> replaces the file's content.</returns>
#pragma warning disable IDE1006 // The notebook name, lower-case as in Polyglot Notebooks.
    public static IDisplayHandle display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        int number;
        lock (Gate)
            number = ++shown;
        var handle = new Handle(number, mimeTypes);
        handle.Update(value!);
        return handle;
    }

    /// <summary>Shows <paramref name="value"/> (as <c>x.Display()</c> does in a notebook).</summary>
    public static IDisplayHandle Display(this object? value, params string[] mimeTypes) => display(value, mimeTypes);

    /// <summary>Shows <paramref name="content"/> as the given mime type (as <c>"&lt;b&gt;hi&lt;/b&gt;".DisplayAs("text/html")</c>).</summary>
    public static IDisplayHandle DisplayAs(this string content, string mimeType) =>
        display(new RichOutput(new Dictionary<string, string> { [mimeType] = content, ["text/plain"] = mimeType == "text/plain" ? content : $"({mimeType})" }));

    /// <summary>The file a display is written to, or null when it is only printed (plain text).</summary>
    /// <param name="number">The display's number (1, 2, …).</param>
    /// <param name="value">The value shown.</param>
    public static string? Write(int number, object? value)
    {
        if (value is not RichOutput rich)
        {
            Console.WriteLine(PlainText(value));
            return null;
        }
        var target = folder ?? Install(Path.Combine(Environment.CurrentDirectory, "display.output"));
        string? path = null;
        if (rich.Data.TryGetValue("image/png", out var png))
            File.WriteAllBytes(path = Path.Combine(target, $"{number:000}-display.png"), Convert.FromBase64String(png));
        else if (rich.Data.TryGetValue("text/html", out var html))
            File.WriteAllText(path = Path.Combine(target, $"{number:000}-display.html"), HtmlPage(html));
        Console.WriteLine(path is null ? rich.ToString() : $"[display {number}] {rich} → {path}");
        return path;
    }

    /// <summary>A value as the notebook's plain text: collections (e.g. a tensor's shape) as <c>[1, 512, 512]</c>.</summary>
    private static string PlainText(object? value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items when value.GetType().Namespace?.StartsWith("TorchSharp", StringComparison.Ordinal) != true =>
            "[" + string.Join(", ", items.Cast<object?>().Take(100).Select(PlainText)) + "]",
        _ => value.ToString() ?? "",
    };

    private static string HtmlPage(string fragment) =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + fragment + "\n</body></html>\n";

    private sealed class Handle(int number, string[] mimeTypes) : IDisplayHandle
    {
        private string? path;

        public void Update(object value)
        {
            if (value is RichOutput rich && mimeTypes.Length > 0)
                value = new RichOutput(rich.Data.Where(pair => mimeTypes.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value));
            var written = Write(number, value);
            // An update that changes the kind of content (HTML → PNG) leaves no stale file behind.
            if (path is not null && path != written)
                File.Delete(path);
            path = written;
        }
    }
}
