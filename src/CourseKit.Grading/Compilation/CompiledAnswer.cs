using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseKit.Grading.Compilation;

/// <summary>The result of compiling one answer cell: the assembly, or the errors (with cell line numbers).</summary>
/// <param name="Question">The question the answer belongs to.</param>
/// <param name="Assembly">The compiled assembly, or null when it did not compile.</param>
/// <param name="Errors">The compiler's errors, first few, for the report.</param>
public sealed record CompiledAnswer(string Question, byte[]? Assembly, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the answer compiled.</summary>
    public bool Succeeded => Assembly is not null;
}
