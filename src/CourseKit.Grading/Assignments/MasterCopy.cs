using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Grading.Assignments;

/// <summary>
/// The grading master copy (nbgrader's idea): every answer, locked and check cell of the student version with a
/// checksum. At grading time locked and check cells are restored from here and changes are reported.
/// </summary>
/// <param name="Assignment">"A1".</param>
/// <param name="Cells">The cells in notebook order.</param>
public sealed record MasterCopy(string Assignment, IReadOnlyList<MasterCell> Cells)
{
    /// <summary>SHA-256 of a cell source, hex (line endings normalised).</summary>
    public static string Checksum(string source) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.Replace("\r\n", "\n")))).ToLowerInvariant();

    /// <summary>The answer cells, one per question.</summary>
    public IEnumerable<MasterCell> Answers => Cells.Where(c => c.Role == CellRole.Answer);

    /// <summary>Writes master.json.</summary>
    public void Write(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Reads master.json.</summary>
    public static MasterCopy Read(string path) =>
        JsonSerializer.Deserialize<MasterCopy>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is not a master copy.");
}
