using System.Diagnostics;
using CourseKit.Grading.Assignments;
using CourseKit.Grading.Compilation;
using CourseKit.Grading.Isolation;
using CourseKit.Grading.Reports;
using CourseKit.Notebooks.Model;
using static TorchSharp.torch;

namespace CourseKit.Grading;

/// <summary>Options for one grading run.</summary>
public sealed record GraderOptions
{
    /// <summary>The child's limits and isolation.</summary>
    public SandboxOptions Sandbox { get; init; } = new();

    /// <summary>Grade only these questions (all when null) — for quick instructor runs and tests.</summary>
    public IReadOnlySet<string>? Questions { get; init; }

    /// <summary>Multiplies every check's time limit and the submission's budget (a slow CI machine can raise it).</summary>
    public double TimeLimitScale { get; init; } = 1.0;

    /// <summary>
    /// The wall-clock time one submission may take in all (compiling, starting children, every call), scaled by
    /// <see cref="TimeLimitScale"/>; null for none. A submission that sleeps just under every check's limit would
    /// otherwise hold the grader for the sum of them (310 s for A1). When it runs out, the call under way is stopped
    /// and the remaining checks are not run; the report says so.
    /// </summary>
    public TimeSpan? SubmissionBudget { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// How long compiling one answer may take in the compiler process (deeply nested generics or lambdas over
    /// overloads compile for minutes); past it the compiler is stopped and that answer fails.
    /// </summary>
    public TimeSpan CompileTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The compiler process's managed-heap cap.</summary>
    public long CompileMemoryBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>
    /// For the sandbox's own tests, never for grading: lifts the .NET allow-list of every question (reflection and
    /// interop stay refused), so a test can run code that reaches files, /proc, processes and threads and show that the
    /// sandbox contains it as well — the second wall behind the compile-time one.
    /// </summary>
    public bool TestTheSandboxWithAnyDotNet { get; init; }
}
