using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace CourseKit.Kernel.Intelligence;

/// <summary>An assembly's XML documentation file (the compiler's output beside the .dll), read on first use.</summary>
internal sealed class XmlDocFile(string path) : DocumentationProvider
{
    private readonly Lazy<Dictionary<string, string>> _members = new(() => Load(path));

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

    private static Dictionary<string, string> Load(string path)
    {
        try
        {
            return XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => m.Attribute("name")!.Value)
                .ToDictionary(g => g.Key, g => g.First().ToString());
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException)
        {
            return [];
        }
    }

    public override bool Equals(object? obj) => obj is XmlDocFile other && other.Path == Path;

    public override int GetHashCode() => Path.GetHashCode(StringComparison.Ordinal);

    private string Path => path;
}
