using System.Net;
using System.Reflection;

namespace CourseKit.Visualization;

/// <summary>
/// Makes <see cref="RichOutput"/> display in Polyglot Notebooks (.NET Interactive) without the kit referencing
/// .NET Interactive: when its formatting assembly is loaded, registers formatters for <see cref="RichOutput"/>
/// through reflection (<c>Formatter.Register(Type, Action&lt;object, TextWriter&gt;, string mimeType, bool)</c>) and routes
/// <see cref="Output.Display"/> to its <c>Display()</c> so live displays update in place.
/// </summary>
internal static class PolyglotFormatting
{
    internal const string FormattingAssembly = "Microsoft.DotNet.Interactive.Formatting";
    private static bool installed;

    /// <summary>Installs the formatters once if .NET Interactive is loaded; returns whether it is.</summary>
    internal static bool TryInstall()
    {
        lock (typeof(PolyglotFormatting))
        {
            return installed = installed || TryInstall(AppDomain.CurrentDomain.GetAssemblies());
        }
    }

    /// <summary>Installs the formatters into the .NET Interactive formatting assembly among <paramref name="loaded"/>, if there is one.</summary>
    internal static bool TryInstall(IEnumerable<Assembly> loaded)
    {
        var formatting = loaded.FirstOrDefault(a => a.GetName().Name == FormattingAssembly);
        if (formatting is null) return false;

        var formatter = formatting.GetType("Microsoft.DotNet.Interactive.Formatting.Formatter")
            ?? throw new InvalidOperationException($"{FormattingAssembly} has no Formatter type; this .NET Interactive version is not supported.");
        var register = formatter.GetMethod("Register", [typeof(Type), typeof(Action<object, TextWriter>), typeof(string), typeof(bool)])
            ?? throw new InvalidOperationException("Formatter.Register(Type, Action<object, TextWriter>, string, bool) was not found; this .NET Interactive version is not supported.");
        register.Invoke(null, [typeof(RichOutput), (Action<object, TextWriter>)WriteHtml, "text/html", false]);
        register.Invoke(null, [typeof(RichOutput), (Action<object, TextWriter>)WritePlainText, "text/plain", false]);

        // Display(this object, params string[]) returns a DisplayedValue with Update(object): the live-display path.
        var display = formatting.GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name == "DisplayExtensions")
            .Select(t => t.GetMethod("Display", [typeof(object), typeof(string[])]))
            .FirstOrDefault(m => m is not null);
        if (display is not null)
            Output.SetHost(value => new ReflectedHandle(display.Invoke(null, [value, Array.Empty<string>()])));
        return true;
    }

    /// <summary>HTML for a mime bundle: its text/html, else its PNG as an &lt;img&gt; (the Polyglot convention), else its text.</summary>
    internal static string ToHtml(RichOutput output)
    {
        if (output.Data.TryGetValue("text/html", out var html)) return html;
        if (output.Data.TryGetValue("image/png", out var png)) return $"<img src=\"data:image/png;base64,{png}\"/>";
        return $"<pre>{WebUtility.HtmlEncode(output.ToString())}</pre>";
    }

    private static void WriteHtml(object value, TextWriter writer) => writer.Write(ToHtml((RichOutput)value));

    private static void WritePlainText(object value, TextWriter writer) => writer.Write(((RichOutput)value).ToString());

    private sealed class ReflectedHandle(object? displayed) : IDisplayHandle
    {
        private readonly MethodInfo? update = displayed?.GetType().GetMethod("Update", [typeof(object)]);

        public void Update(object value) => update?.Invoke(displayed, [value]);
    }
}
