using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseKit.Kernel;

/// <summary>What the kernel tells clients about itself (<c>kernel_info_reply</c>) and its kernelspec defaults.</summary>
public static class KernelInfo
{
    /// <summary>The kernelspec name <c>coursekit kernel install</c> uses unless told otherwise.</summary>
    public const string DefaultKernelName = "coursekit-csharp";

    /// <summary>The name JupyterLab and VS Code show in their kernel pickers.</summary>
    public const string DisplayName = ".NET (C#) — CourseKit";

    /// <summary>The kernelspec language (as the Polyglot C# kernel's, so notebooks written for it match).</summary>
    public const string Language = "C#";

    /// <summary>The kit's version.</summary>
    public static string Version { get; } =
        typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";

    /// <summary>
    /// <c>language_info</c>: name "C#" (VS Code maps it to its <c>csharp</c> language, as for .NET Interactive),
    /// <c>text/x-csharp</c> for CodeMirror (JupyterLab's highlighting), <c>.cs</c> for exports.
    /// </summary>
    public static JsonObject LanguageInfo() => new()
    {
        ["name"] = "C#",
        ["version"] = LanguageVersionFacts.ToDisplayString(LanguageVersion.Latest.MapSpecifiedToEffectiveVersion()),
        ["mimetype"] = "text/x-csharp",
        ["file_extension"] = ".cs",
        ["pygments_lexer"] = "csharp",
        ["codemirror_mode"] = "text/x-csharp",
    };

    /// <summary>The content of <c>kernel_info_reply</c>.</summary>
    public static JsonObject Reply() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = Protocol.JupyterMessage.ProtocolVersion,
        ["implementation"] = "coursekit",
        ["implementation_version"] = Version,
        ["language_info"] = LanguageInfo(),
        ["banner"] = $"CourseKit C# kernel {Version} (Roslyn scripting, .NET {Environment.Version}). " +
                     "display(x) shows pictures and tables; the trailing expression is the cell's result.",
        ["help_links"] = new JsonArray(
            new JsonObject { ["text"] = "C# language reference", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" },
            new JsonObject { ["text"] = "TorchSharp", ["url"] = "https://github.com/dotnet/TorchSharp" }),
        ["debugger"] = false,
    };
}
