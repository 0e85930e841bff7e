using System.Text.RegularExpressions;

namespace CourseKit.Tests.Documentation;

/// <summary>
/// A reader finds the code behind any notebook cell in one step: every public type of the kit lives in a file of its
/// own name, and no kit type reuses the name of a TorchSharp type (a notebook imports both).
/// </summary>
public partial class SourceLayoutTests
{
    [GeneratedRegex(@"^public\s+(?:(?:static|sealed|abstract|partial|readonly|record|ref)\s+)*(?:class|record|struct|enum|interface)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex PublicTypeDeclaration();

    [Fact]
    public void Every_public_type_lives_in_a_file_named_after_it()
    {
        string src = Path.Combine(Kernel.JupyterNotebooks.RepositoryRoot(), "src");
        var misplaced = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => PublicTypeDeclaration().Matches(File.ReadAllText(path))
                .Select(m => m.Groups[1].Value)
                .Where(type => type != Path.GetFileNameWithoutExtension(path))
                .Select(type => $"{type} in {Path.GetRelativePath(src, path)}"))
            .ToList();
        Assert.True(misplaced.Count == 0, $"{misplaced.Count} public types in files named otherwise:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void No_kit_type_shares_a_name_with_a_torchsharp_type()
    {
        static string Plain(Type t) => t.Name.Split('`')[0];
        var torchSharp = typeof(TorchSharp.torch).Assembly.GetExportedTypes().Select(Plain).ToHashSet();
        var clashes = typeof(CourseKit.Course).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested && torchSharp.Contains(Plain(t)))
            .Select(t => t.FullName!)
            .ToList();
        Assert.True(clashes.Count == 0, "kit types named like TorchSharp types: " + string.Join(", ", clashes));
    }
}
