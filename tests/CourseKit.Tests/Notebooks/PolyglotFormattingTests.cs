using System.Reflection;
using CourseKit.Visualization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseKit.Tests.Notebooks;

/// <summary>
/// The reflection path Course.Start() takes inside .NET Interactive, tested against stand-in assemblies with the
/// same name and the member signatures of Microsoft.dotnet-interactive 1.0.712001
/// (Formatter.Register(Type, Action&lt;object, TextWriter&gt;, string); System.DisplayExtensions.Display), and against
/// one whose formatting API differs. The real kernel itself runs every notebook in RealDotnetInteractiveTests.
/// </summary>
[Collection(EngineCollection.Name)]
public class PolyglotFormattingTests
{
    private const string StandIn = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        namespace Microsoft.DotNet.Interactive.Formatting
        {
            public static class Formatter
            {
                public static readonly List<(Type Type, string Mime, Action<object, TextWriter> Format)> Registered = new();
                public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = "text/plain")
                    => Registered.Add((type, mimeType, formatter));
                public static string ToDisplayString(object value, string mimeType)
                {
                    foreach (var (type, mime, format) in Registered)
                        if (type.IsInstanceOfType(value) && mime == mimeType) { var w = new StringWriter(); format(value, w); return w.ToString(); }
                    return "unformatted";
                }
            }
            public class DisplayedValue
            {
                public static readonly List<object> Shown = new();
                public void Update(object value) => Shown.Add(value);
            }
        }
        namespace System
        {
            public static class DisplayExtensions
            {
                public static Microsoft.DotNet.Interactive.Formatting.DisplayedValue Display(this object value, params string[] mimeTypes)
                {
                    Microsoft.DotNet.Interactive.Formatting.DisplayedValue.Shown.Add(value);
                    return new Microsoft.DotNet.Interactive.Formatting.DisplayedValue();
                }
            }
        }
        """;

    /// <summary>A formatting assembly whose Formatter has no Register overload the kit knows.</summary>
    private const string DifferentApi = """
        namespace Microsoft.DotNet.Interactive.Formatting
        {
            public static class Formatter
            {
                public static void Register<T>(System.Func<T, string> format) { }
            }
        }
        """;

    private static Assembly CompileStandIn(string source = StandIn)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var compilation = CSharpCompilation.Create("Microsoft.DotNet.Interactive.Formatting",
            [CSharpSyntaxTree.ParseText(source)],
            new[] { typeof(object).Assembly.Location, Path.Combine(framework, "System.Runtime.dll"), Path.Combine(framework, "System.Collections.dll") }
                .Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        // A collectible context of its own, so the test process never sees ".NET Interactive" as loaded.
        var context = new System.Runtime.Loader.AssemblyLoadContext("polyglot-stand-in", isCollectible: true);
        image.Position = 0;
        return context.LoadFromStream(image);
    }

    [Fact]
    public void Without_dotnet_interactive_nothing_is_installed()
    {
        var problems = new List<string>();
        Assert.False(PolyglotFormatting.TryInstall([typeof(object).Assembly, typeof(RichOutput).Assembly], problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void A_formatting_api_that_differs_is_reported_once_and_never_throws()
    {
        var previousHost = Output.Host;
        try
        {
            var problems = new List<string>();
            Assert.False(PolyglotFormatting.TryInstall([typeof(object).Assembly, CompileStandIn(DifferentApi)], problems));
            Assert.Equal(2, problems.Count);
            Assert.Contains("Formatter.Register(Type, Action<object, TextWriter>, string) was not found", problems[0]);
            Assert.Contains("progress cannot update in place", problems[1]);

            var first = new StringWriter();
            var second = new StringWriter();
            PolyglotFormatting.Report(problems, first);
            PolyglotFormatting.Report(problems, second);
            Assert.Single(first.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("could not connect its displays", first.ToString());
            Assert.Equal("", second.ToString());
        }
        finally
        {
            Output.SetHost(previousHost);
        }
    }

    [Fact]
    public void Inside_dotnet_interactive_RichOutput_gets_formatters_and_live_displays_update()
    {
        var standIn = CompileStandIn();
        var previousHost = Output.Host;
        try
        {
            var problems = new List<string>();
            Assert.True(PolyglotFormatting.TryInstall([typeof(object).Assembly, standIn], problems));
            Assert.Empty(problems);

            var formatter = standIn.GetType("Microsoft.DotNet.Interactive.Formatting.Formatter")!;
            string Format(object value, string mime) => (string)formatter.GetMethod("ToDisplayString")!.Invoke(null, [value, mime])!;
            Assert.Equal("<b>chart</b>", Format(RichOutput.Html("<b>chart</b>", "chart"), "text/html"));
            Assert.Equal("<img src=\"data:image/png;base64,AQID\"/>", Format(RichOutput.Png([1, 2, 3], "digits"), "text/html"));
            Assert.Equal("digits", Format(RichOutput.Png([1, 2, 3], "digits"), "text/plain"));

            var live = new LiveDisplay();
            live.Update("epoch 1");
            live.Update("epoch 2");
            var shown = (List<object>)standIn.GetType("Microsoft.DotNet.Interactive.Formatting.DisplayedValue")!.GetField("Shown")!.GetValue(null)!;
            Assert.Equal(["epoch 1", "epoch 2"], shown);
        }
        finally
        {
            Output.SetHost(previousHost);
        }
    }
}

/// <summary>Engine tests that touch process-wide state (Console, the library's display host) run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection
{
    public const string Name = "Notebook engine";
}
