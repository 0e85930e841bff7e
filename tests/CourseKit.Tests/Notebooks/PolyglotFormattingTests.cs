using System.Reflection;
using CourseKit.Visualization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseKit.Tests.Notebooks;

/// <summary>
/// Polyglot Notebooks cannot run here, so the reflection path Course.Start() takes inside .NET Interactive is
/// tested against a stand-in assembly with the same name and the same member signatures
/// (Formatter.Register(Type, Action&lt;object, TextWriter&gt;, string, bool); System.DisplayExtensions.Display).
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
                public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = "text/plain", bool addToDefaults = false)
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

    private static Assembly CompileStandIn()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var compilation = CSharpCompilation.Create("Microsoft.DotNet.Interactive.Formatting",
            [CSharpSyntaxTree.ParseText(StandIn)],
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
        Assert.False(PolyglotFormatting.TryInstall([typeof(object).Assembly, typeof(RichOutput).Assembly]));
    }

    [Fact]
    public void Inside_dotnet_interactive_RichOutput_gets_formatters_and_live_displays_update()
    {
        var standIn = CompileStandIn();
        var previousHost = Output.Host;
        try
        {
            Assert.True(PolyglotFormatting.TryInstall([typeof(object).Assembly, standIn]));

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
