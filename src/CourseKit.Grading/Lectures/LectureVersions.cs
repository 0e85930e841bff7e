using CourseKit.Grading.Assignments;
using CourseKit.Notebooks.Model;

namespace CourseKit.Grading.Lectures;

/// <summary>
/// A lecture notebook is written once, as the instructor's source (notebooks/*.ipynb), with its exercises' solutions
/// in place, so running it checks that every self-check passes. The student version is generated from it the way an
/// assignment's is (<see cref="AssignmentGenerator"/>): each <c>// ### BEGIN SOLUTION</c> … <c>// ### END SOLUTION</c>
/// region becomes <c>throw new NotImplementedException();</c>, hidden-test regions go, and cells whose kit metadata says
/// <c>"role": "solution"</c> or <c>"instructor"</c> are removed.
/// </summary>
public static class LectureVersions
{
    /// <summary>The student version of the source notebook at <paramref name="sourcePath"/>.</summary>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook.</exception>
    /// <exception cref="InvalidDataException">A solution region is unbalanced (the message names the file and cell).</exception>
    public static Notebook Student(string sourcePath) => Student(NotebookFile.Read(sourcePath), sourcePath);

    /// <summary>The student version of <paramref name="source"/> (a copy; the source is not changed).</summary>
    /// <param name="source">The instructor's source notebook.</param>
    /// <param name="name">The file name, for error messages.</param>
    public static Notebook Student(Notebook source, string name)
    {
        var student = source.Clone();
        student.Cells.RemoveAll(IsInstructorOnly);
        foreach (var cell in student.Cells.Where(c => c.IsCode && HasSolutionMarker(c.Source)))
        {
            try
            {
                string id = cell.Id ?? "(no id)";
                cell.Source = AssignmentGenerator.RemoveHiddenTests(AssignmentGenerator.StubSolutions(cell.Source.Replace("\r\n", "\n"), id), id);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{name}: {e.Message} Close every // {AssignmentGenerator.BeginSolution} " +
                    $"with // {AssignmentGenerator.EndSolution} in the same cell.", e);
            }
        }
        return student;
    }

    /// <summary>True for a cell the student version leaves out: an exercise's written solution or an instructor note.</summary>
    public static bool IsInstructorOnly(Cell cell) =>
        CellRole.Of(cell).Role is CellRole.Solution or CellRole.Instructor;

    /// <summary>True when the text still holds a solution or hidden-test marker (a student version never does).</summary>
    public static bool HasSolutionMarker(string text) =>
        Markers.Any(marker => text.Contains(marker, StringComparison.Ordinal));

    /// <summary>The markers of regions a student never sees: solutions and hidden tests.</summary>
    public static IReadOnlyList<string> Markers { get; } =
    [
        AssignmentGenerator.BeginSolution, AssignmentGenerator.EndSolution, AssignmentGenerator.BeginHidden, AssignmentGenerator.EndHidden,
    ];
}
