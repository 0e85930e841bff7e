using System.Reflection;

namespace CourseKit.Data;

/// <summary>
/// The SHA-256 manifest of the datasets (<c>data/manifest.sha256</c>, compiled into the library so it is
/// available wherever the files are found). Lines are <c>sha256sum</c> style: <c>&lt;hex&gt;  mnist/train-images-idx3-ubyte</c>;
/// the hash is of the UNCOMPRESSED IDX content, because mirrors gzip the same content differently.
/// </summary>
public sealed class DataManifest
{
    private readonly Dictionary<string, string> hashes;

    /// <summary>A manifest from <c>name → lower-case hex SHA-256</c>.</summary>
    public DataManifest(IReadOnlyDictionary<string, string> hashes) =>
        this.hashes = hashes.ToDictionary(p => p.Key, p => p.Value.ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>The manifest that ships with the kit (data/manifest.sha256, embedded in the library).</summary>
    public static DataManifest Shipped { get; } = LoadShipped();

    /// <summary>The entries, e.g. <c>mnist/train-images-idx3-ubyte</c> → hash.</summary>
    public IReadOnlyDictionary<string, string> Hashes => hashes;

    /// <summary>Parses <c>sha256sum</c>-style text; lines starting with # are comments.</summary>
    /// <exception cref="FormatException">A line is not <c>&lt;64 hex digits&gt;  &lt;name&gt;</c>.</exception>
    public static DataManifest Parse(string text)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0].Length != 64 || !parts[0].All(Uri.IsHexDigit))
                throw new FormatException($"manifest line '{line}' is not '<sha256 in 64 hex digits>  <file name>'");
            entries[parts[1].Trim().TrimStart('*')] = parts[0];
        }
        return new DataManifest(entries);
    }

    /// <summary>The expected hash of <paramref name="name"/> (e.g. <c>mnist/train-images-idx3-ubyte</c>), or null if unlisted.</summary>
    public string? Expected(string name) => hashes.TryGetValue(name, out var hash) ? hash : null;

    private static DataManifest LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CourseKit.Data.manifest.sha256")
            ?? throw new InvalidOperationException("the dataset manifest is missing from the CourseKit assembly (build problem)");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
