using System.Text.RegularExpressions;

namespace CourseKit.Notebooks.Execution;

/// <summary>
/// A cell split into its kernel commands (the Polyglot C# kernel's <c>#!csharp</c>, <c>#!markdown</c>,
/// <c>#!time</c>, <c>#i</c>, <c>#r</c>) and its C# code. Command lines are replaced by blank lines, so the
/// code keeps the cell's line numbers.
/// </summary>
public sealed partial class CellDirectives
{
    /// <summary>The C# code, with kernel command lines blanked.</summary>
    public required string Code { get; init; }

    /// <summary>True when the cell is markdown (<c>#!markdown</c> first): nothing to run.</summary>
    public bool IsMarkdown { get; init; }

    /// <summary>True when <c>#!time</c> asked for the cell's wall time.</summary>
    public bool Time { get; init; }

    /// <summary>The <c>#r "nuget: …"</c> lines.</summary>
    public IReadOnlyList<PackageReference> Packages { get; init; } = [];

    /// <summary>The <c>#i "nuget: …"</c> package sources.</summary>
    public IReadOnlyList<string> PackageSources { get; init; } = [];

    /// <summary>The <c>#r "path.dll"</c> assemblies, as written.</summary>
    public IReadOnlyList<(string Path, int Line)> AssemblyPaths { get; init; } = [];

    /// <summary>A kernel command this engine does not run (e.g. <c>#!fsharp</c>), with its line; null if none.</summary>
    public (string Command, int Line)? Unsupported { get; init; }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*(?<version>[^"\s]+)\s*)?"\s*$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^#i\s+"(?<source>[^"]*)"\s*$""")]
    private static partial Regex PackageSource();

    [GeneratedRegex("""^#r\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex AssemblyReference();

    private static readonly HashSet<string> CSharpKernelNames = ["#!csharp", "#!c#", "#!C#"];

    /// <summary>Splits a cell's source into kernel commands and code.</summary>
    public static CellDirectives Parse(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var packages = new List<PackageReference>();
        var sources = new List<string>();
        var paths = new List<(string, int)>();
        (string, int)? unsupported = null;
        var time = false;
        var inMarkdown = false;
        var firstCode = true;

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            var isCommand = true;
            if (CSharpKernelNames.Contains(line)) inMarkdown = false;
            else if (line == "#!markdown")
            {
                if (firstCode) return new CellDirectives { Code = "", IsMarkdown = true };
                inMarkdown = true;
            }
            else if (inMarkdown) { }
            else if (line == "#!time") time = true;
            else if (line.StartsWith("#!", StringComparison.Ordinal)) unsupported ??= (line, number);
            else if (NugetReference().Match(line) is { Success: true } nuget)
                packages.Add(new PackageReference(nuget.Groups["name"].Value,
                    nuget.Groups["version"].Success ? nuget.Groups["version"].Value : null, number));
            else if (PackageSource().Match(line) is { Success: true } packageSource)
                sources.Add(packageSource.Groups["source"].Value.Replace("nuget:", "").Trim());
            else if (AssemblyReference().Match(line) is { Success: true } assembly)
                paths.Add((assembly.Groups["path"].Value, number));
            else isCommand = false;

            if (isCommand || inMarkdown) lines[i] = "";
            if (line.Length > 0 && !isCommand) firstCode = false;
        }

        return new CellDirectives
        {
            Code = string.Join("\n", lines),
            Time = time,
            Packages = packages,
            PackageSources = sources,
            AssemblyPaths = paths,
            Unsupported = unsupported,
        };
    }
}
