using System.Text;
using CourseKit.Notebooks.Model;

namespace CourseKit.Grading.Assignments;

/// <summary>
/// Turns the instructor's source notebook into the student notebook and the grading master copy. Solution regions
/// (<c>// ### BEGIN SOLUTION</c> … <c>// ### END SOLUTION</c>) become <c>throw new NotImplementedException();</c>;
/// hidden-test regions (<c>// ### BEGIN HIDDEN TESTS</c> … <c>// ### END HIDDEN TESTS</c>) and "instructor" cells are removed.
/// </summary>
public static class AssignmentGenerator
{
    /// <summary>Marker lines (inside C# comments so the source notebook runs as it is).</summary>
    public const string BeginSolution = "### BEGIN SOLUTION", EndSolution = "### END SOLUTION",
        BeginHidden = "### BEGIN HIDDEN TESTS", EndHidden = "### END HIDDEN TESTS";

    /// <summary>Generates from the assignment's own source notebook, assignments/&lt;FolderName&gt;/source.ipynb.</summary>
    /// <param name="assignment">The assignment.</param>
    /// <param name="assignmentsRoot">The assignments/ folder, or null to find it (see <see cref="AssignmentFiles.AssignmentsRoot"/>).</param>
    public static GeneratedAssignment FromSource(AssignmentDefinition assignment, string? assignmentsRoot = null) =>
        Generate(assignment, AssignmentFiles.SourceNotebook(assignment, assignmentsRoot));

    /// <summary>Generates from a source notebook file, checking it against the assignment's questions and points.</summary>
    /// <exception cref="NotebookFormatException">The source is not a valid notebook (the message names file, cell and reason).</exception>
    /// <exception cref="InvalidDataException">The source does not fit the assignment (ids, questions, points, markers).</exception>
    public static GeneratedAssignment Generate(AssignmentDefinition assignment, string sourcePath)
    {
        var student = NotebookFile.Read(sourcePath);
        var master = new List<MasterCell>();
        var reference = new Dictionary<string, string>();
        foreach (var cell in student.Cells)
        {
            var role = CellRole.Of(cell);
            string id = cell.Id ?? throw new InvalidDataException($"{sourcePath}: every cell needs an id (nbformat 4.5).");
            string text = cell.Source.Replace("\r\n", "\n");
            switch (role.Role)
            {
                case CellRole.Answer:
                    string question = role.Question ?? throw new InvalidDataException($"{sourcePath}: answer cell {id} has no question.");
                    Validate(assignment, question, role.Points, sourcePath);
                    reference[question] = cell.Source;
                    text = StubSolutions(text, id);
                    break;
                case CellRole.CheckCell:
                    text = RemoveHiddenTests(text, id);
                    break;
            }
            cell.Source = text;
            if (role.Role is CellRole.Answer or CellRole.Locked or CellRole.CheckCell)
                master.Add(new MasterCell(id, role.Role, role.Question, text, MasterCopy.Checksum(text)));
        }
        student.Cells.RemoveAll(cell => CellRole.Of(cell).Role == CellRole.Instructor);
        foreach (var q in assignment.Questions)
            if (!reference.ContainsKey(q.Id)) throw new InvalidDataException($"{sourcePath}: no answer cell for {q.Id}.");
        return new GeneratedAssignment(NotebookFile.ToJson(student), new MasterCopy(assignment.Id, master), reference);
    }

    private static void Validate(AssignmentDefinition assignment, string question, double points, string path)
    {
        if (assignment.Questions.All(q => q.Id != question))
            throw new InvalidDataException($"{path}: answer cell for unknown question {question}.");
        double expected = assignment.PointsOf(question);
        if (Math.Abs(expected - points) > 1e-9)
            throw new InvalidDataException($"{path}: {question} says {points} points but its checks are worth {expected}.");
    }

    /// <summary>Replaces every solution region by a stub that compiles and throws.</summary>
    public static string StubSolutions(string text, string cellId) =>
        RemoveRegion(text, BeginSolution, EndSolution, cellId, replacement: "throw new NotImplementedException();");

    /// <summary>Removes every hidden-test region (an instructor's check the student never sees).</summary>
    public static string RemoveHiddenTests(string text, string cellId) =>
        RemoveRegion(text, BeginHidden, EndHidden, cellId, replacement: null);

    private static string RemoveRegion(string text, string begin, string end, string cellId, string? replacement)
    {
        var output = new StringBuilder();
        bool inside = false;
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            string trimmed = line.Trim().TrimStart('/').Trim();
            if (trimmed == begin)
            {
                if (inside) throw new InvalidDataException($"cell {cellId}: nested {begin}.");
                inside = true;
                if (replacement is not null)
                    output.Append(line[..(line.Length - line.TrimStart().Length)]).Append(replacement).Append('\n');
                continue;
            }
            if (trimmed == end)
            {
                if (!inside) throw new InvalidDataException($"cell {cellId}: {end} without {begin}.");
                inside = false;
                continue;
            }
            if (!inside) output.Append(line).Append('\n');
        }
        if (inside) throw new InvalidDataException($"cell {cellId}: {begin} is never closed.");
        return output.ToString().TrimEnd('\n');
    }
}
