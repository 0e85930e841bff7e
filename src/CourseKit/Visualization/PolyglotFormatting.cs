using System.Net;
using System.Reflection;

namespace CourseKit.Visualization;

/// <summary>
/// Makes <see cref="RichOutput"/> display in Polyglot Notebooks (.NET Interactive) without the kit referencing
/// .NET Interactive: when its formatting assembly is loaded, registers formatters for <see cref="RichOutput"/>
/// through reflection, with whichever <c>Formatter.Register(Type, Action&lt;object, TextWriter&gt;, string[, bool])</c>
/// overload that version has (1.0.712001 has the three-argument one), and routes <see cref="Output.Display"/> to its
/// <c>Display()</c> so live displays update in place. It never throws: what it could not register it says once.
/// </summary>
internal static class PolyglotFormatting
{
    internal const string FormattingAssembly = "Microsoft.DotNet.Interactive.Formatting";
    private static readonly object Gate = new();
    private static bool installed;
    private static bool reported;

    /// <summary>Installs the formatters once if .NET Interactive is loaded; returns whether they are installed.</summary>
    internal static bool TryInstall()
    {
        lock (Gate)
        {
            if (installed) return true;
            var problems = new List<string>();
            installed = TryInstall(AppDomain.CurrentDomain.GetAssemblies(), problems);
            Report(problems, Console.Out);
            return installed;
        }
    }

    /// <summary>
    /// Installs the formatters into the .NET Interactive formatting assembly among <paramref name="loaded"/>, if there
    /// is one. Returns whether the formatters were registered; what could not be set up is added to <paramref name="problems"/>.
    /// </summary>
    internal static bool TryInstall(IEnumerable<Assembly> loaded, ICollection<string> problems)
    {
        var formatting = loaded.FirstOrDefault(a => a.GetName().Name == FormattingAssembly);
        if (formatting is null) return false;
        try
        {
            bool registered = RegisterFormatters(formatting, problems);
            InstallLiveDisplay(formatting, problems);
            return registered;
        }
        catch (Exception e) when (e is TargetInvocationException or TypeLoadException or ReflectionTypeLoadException or MemberAccessException)
        {
            problems.Add($"registering with {FormattingAssembly} failed: {(e.InnerException ?? e).Message}");
            return false;
        }
    }

    /// <summary>Writes the problems, once per process, as one plain message.</summary>
    internal static void Report(IReadOnlyCollection<string> problems, TextWriter writer)
    {
        if (problems.Count == 0 || reported) return;
        reported = true;
        writer.WriteLine($"CourseKit could not connect its displays to this .NET Interactive version ({string.Join("; ", problems)}). " +
                         "The notebook still runs; pictures, charts and tables may show as plain objects. " +
                         "The kit is tested with Microsoft.dotnet-interactive 1.0.712001.");
    }

    private static bool RegisterFormatters(Assembly formatting, ICollection<string> problems)
    {
        var formatter = formatting.GetType("Microsoft.DotNet.Interactive.Formatting.Formatter");
        if (formatter is null)
        {
            problems.Add("it has no Formatter type");
            return false;
        }
        Type[] three = [typeof(Type), typeof(Action<object, TextWriter>), typeof(string)];
        Type[] four = [.. three, typeof(bool)];
        Action<Type, Action<object, TextWriter>, string>? register =
            formatter.GetMethod("Register", three) is { } r3 ? (t, a, m) => r3.Invoke(null, [t, a, m])
            : formatter.GetMethod("Register", four) is { } r4 ? (t, a, m) => r4.Invoke(null, [t, a, m, false])
            : null;
        if (register is null)
        {
            problems.Add("Formatter.Register(Type, Action<object, TextWriter>, string) was not found");
            return false;
        }
        register(typeof(RichOutput), WriteHtml, "text/html");
        register(typeof(RichOutput), WritePlainText, "text/plain");
        return true;
    }

    /// <summary>Display(this object, params string[]) returns a DisplayedValue with Update(object): the live-display path.</summary>
    private static void InstallLiveDisplay(Assembly formatting, ICollection<string> problems)
    {
        var display = LoadableTypes(formatting)
            .Where(t => t.IsAbstract && t.IsSealed && t.Name == "DisplayExtensions")
            .Select(t => t.GetMethod("Display", [typeof(object), typeof(string[])]))
            .FirstOrDefault(m => m is not null);
        if (display is null)
        {
            problems.Add("DisplayExtensions.Display(object, string[]) was not found, so progress cannot update in place");
            return;
        }
        Output.SetHost(value => new ReflectedHandle(display.Invoke(null, [value, Array.Empty<string>()])));
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
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
