using System.CommandLine;
using CourseKit.Assignments.A1;
using CourseKit.Assignments.A2;
using CourseKit.Grading.Assignments;

namespace CourseKit.Cli.Commands;

/// <summary>The assignments the CLI knows, by id ("A1"). A new assignment adds its checks project and one line here.</summary>
internal static class AssignmentCatalog
{
    private static readonly AssignmentDefinition[] All = [new A1Assignment(), new A2Assignment()];

    /// <summary>Every assignment, in order (A1, A2, …).</summary>
    public static IReadOnlyList<AssignmentDefinition> Known => All;

    public static AssignmentDefinition Find(string id) =>
        All.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown assignment '{id}'. Known: {string.Join(", ", All.Select(a => a.Id))}.");

    /// <summary>The <c>--assignment</c> option every assignment command takes.</summary>
    public static Option<string> IdOption() => new("--assignment", "-a") { Description = "The assignment id, e.g. A1.", Required = true };

    /// <summary>The <c>--assignments</c> option: where the instructor's assignment folders are.</summary>
    public static Option<string?> FolderOption() => new("--assignments") { Description = "The assignments/ folder (found from the working folder by default)." };
}
