using System.Reflection;

namespace CourseKit.Notebooks.Execution;

/// <summary>
/// Resolves <c>#r "nuget: …"</c> offline: the kit runs notebooks with the packages it was built with, so a
/// package the kit depends on (CourseKit itself, TorchSharp, Plotly.NET, …) maps to the assembly already
/// loaded in this process; anything else is an error that says what to do.
/// </summary>
public static class KitPackages
{
    /// <summary>Packages that bring no assembly of their own here (native payloads, or the engine does their job).</summary>
    private static readonly Dictionary<string, string?> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TorchSharp-cpu"] = "TorchSharp",
        ["libtorch-cpu"] = null,
        ["libtorch-cpu-linux-x64"] = null,
        ["libtorch-cpu-win-x64"] = null,
        ["libtorch-cpu-osx-arm64"] = null,
        ["Plotly.NET.Interactive"] = null, // the engine formats Plotly.NET charts itself
    };

    private static readonly Lazy<IReadOnlyDictionary<string, Assembly>> Closure = new(LoadClosure);

    /// <summary>The kit's assemblies: CourseKit, the engine and everything they reference (framework excluded).</summary>
    public static IReadOnlyCollection<Assembly> Assemblies => [.. Closure.Value.Values];

    /// <summary>
    /// The assemblies a package reference stands for (empty for packages with nothing to reference).
    /// </summary>
    /// <exception cref="PackageNotAvailableException">The package is not one of the kit's, or the version differs.</exception>
    public static IReadOnlyList<Assembly> Resolve(string name, string? version)
    {
        var assemblyName = Aliases.TryGetValue(name, out var alias) ? alias : name;
        if (Aliases.ContainsKey(name) && assemblyName is null) return [];

        if (assemblyName is null || !Closure.Value.TryGetValue(assemblyName, out var assembly))
            throw new PackageNotAvailableException(
                $"package {name}{(version is null ? "" : " " + version)} is not available: the kit runs notebooks offline with " +
                $"its own packages ({string.Join(", ", KnownPackages())}). Remove the #r line, or add the package to the " +
                "kit (Directory.Packages.props and src/CourseKit/CourseKit.csproj) and rebuild.");

        var loaded = PackageVersion(assembly);
        if (version is not null && loaded is not null && !SameVersion(version, loaded))
            throw new PackageNotAvailableException(
                $"package {name} {version} is not available: the kit runs {name} {loaded}. " +
                $"Change the line to #r \"nuget: {name}, {loaded}\".");
        return [assembly];
    }

    /// <summary>The package names <see cref="Resolve"/> accepts.</summary>
    public static IEnumerable<string> KnownPackages() =>
        Closure.Value.Keys.Where(n => n is not "CourseKit.Notebooks")
            .Concat(Aliases.Keys.Where(k => !k.StartsWith("libtorch-cpu-", StringComparison.Ordinal)))
            .Order(StringComparer.OrdinalIgnoreCase);

    /// <summary>The NuGet version an assembly was built as: its informational version without the commit hash.</summary>
    private static string? PackageVersion(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3);
        return string.IsNullOrWhiteSpace(version) ? null : version;
    }

    private static bool SameVersion(string requested, string loaded) =>
        Version.TryParse(requested, out var a) && Version.TryParse(loaded, out var b)
            ? a.Major == b.Major && a.Minor == b.Minor && Math.Max(a.Build, 0) == Math.Max(b.Build, 0)
            : string.Equals(requested, loaded, StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyDictionary<string, Assembly> LoadClosure()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        // TorchVision is listed by name: the notebooks set its production ops beside their own, but the kit's code calls none.
        var pending = new Stack<Assembly>([typeof(CourseKit.Course).Assembly, typeof(KitPackages).Assembly, typeof(TorchSharp.torchvision).Assembly]);
        while (pending.Count > 0)
        {
            var assembly = pending.Pop();
            var name = assembly.GetName().Name!;
            if (!found.TryAdd(name, assembly)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsFramework(reference.Name!) || found.ContainsKey(reference.Name!)) continue;
                try { pending.Push(Assembly.Load(reference)); }
                catch (FileNotFoundException) { /* an optional dependency that is not shipped: not part of the kit */ }
            }
        }
        return found;
    }

    private static bool IsFramework(string name) =>
        name is "mscorlib" or "netstandard" or "System" || name.StartsWith("System.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal) || name == "Microsoft.CSharp"
        || name.StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal);
}
