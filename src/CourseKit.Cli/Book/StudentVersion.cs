using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Grading.Assignments;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Book;

/// <summary>
/// The one door every notebook passes through on its way into the course website: what students may see. Cells whose
/// metadata says <c>"coursekit": {"role": "solution"}</c> or <c>"instructor"</c> are dropped; solution regions in code
/// cells (<c>// ### BEGIN SOLUTION</c> … <c>// ### END SOLUTION</c>) become the assignments' stub
/// (<see cref="AssignmentGenerator.StubSolutions"/>), and the outputs such a cell had (computed by the solution) go with
/// them; hidden-test regions are removed. A marker left anywhere afterwards (an unbalanced region, a marker in prose or
/// in an output) stops the build rather than publishing it.
/// </summary>
public static class StudentVersion
{
    /// <summary>Cell roles (metadata <c>coursekit.role</c>) that never reach students.</summary>
    public static IReadOnlyList<string> DroppedRoles { get; } = ["solution", "instructor"];

    /// <summary>Every marker that must not survive into a student's page.</summary>
    public static IReadOnlyList<string> Markers { get; } =
        [AssignmentGenerator.BeginSolution, AssignmentGenerator.EndSolution, AssignmentGenerator.BeginHidden, AssignmentGenerator.EndHidden];

    /// <summary>The student version of <paramref name="notebook"/> (a copy; the argument is not changed).</summary>
    /// <param name="notebook">A lecture or assignment notebook, executed or not.</param>
    /// <param name="name">The notebook's name, for error messages.</param>
    /// <exception cref="InvalidDataException">A solution or hidden-test marker would still reach the student.</exception>
    public static Notebook Of(Notebook notebook, string name)
    {
        var copy = notebook.Clone();
        copy.Cells.RemoveAll(cell => DroppedRoles.Contains(RoleOf(cell), StringComparer.OrdinalIgnoreCase));
        foreach (var cell in copy.Cells.Where(c => c.IsCode))
        {
            var original = cell.Source.Replace("\r\n", "\n");
            string text;
            try
            {
                text = DropHiddenTests(AssignmentGenerator.StubSolutions(original, cell.Id ?? "(no id)"));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{name}: {e.Message} Fix the markers before building the book.", e);
            }
            if (text == original) continue;
            cell.Source = text;
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        foreach (var cell in copy.Cells)
        {
            var leak = Markers.FirstOrDefault(m => cell.Source.Contains(m, StringComparison.Ordinal)
                                                   || cell.Outputs.Any(o => o.ToJsonString().Contains(m, StringComparison.Ordinal)));
            if (leak is not null)
                throw new InvalidDataException(
                    $"{name}: cell {cell.Id ?? "(no id)"} still holds \"{leak}\" after solutions were removed; a solution marker outside a code cell's " +
                    "comment line, or in an output, would reach students. Mark solution cells with \"coursekit\": {\"role\": \"solution\"} instead.");
        }
        return copy;
    }

    private static string RoleOf(Cell cell) => cell.Metadata["coursekit"] is JsonObject kit && kit["role"] is JsonValue role
        ? role.ToString()
        : "";

    private static string DropHiddenTests(string text)
    {
        if (!text.Contains(AssignmentGenerator.BeginHidden, StringComparison.Ordinal)) return text;
        var output = new StringBuilder();
        bool inside = false;
        foreach (var line in text.Split('\n'))
        {
            var marker = line.Trim().TrimStart('/').Trim();
            if (marker == AssignmentGenerator.BeginHidden) { inside = true; continue; }
            if (marker == AssignmentGenerator.EndHidden) { inside = false; continue; }
            if (!inside) output.Append(line).Append('\n');
        }
        return output.ToString().TrimEnd('\n');
    }
}
