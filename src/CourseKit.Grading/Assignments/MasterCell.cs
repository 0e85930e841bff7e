using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Grading.Assignments;

/// <summary>A graded or locked cell as the student received it, with the checksum of its source.</summary>
/// <param name="Id">The cell id.</param>
/// <param name="Role">"answer", "locked" or "check".</param>
/// <param name="Question">The question (answer and check cells).</param>
/// <param name="Source">The source the student received (stubs in answer cells).</param>
/// <param name="Checksum">SHA-256 of <paramref name="Source"/>, hex.</param>
public sealed record MasterCell(string Id, string Role, string? Question, string Source, string Checksum);
