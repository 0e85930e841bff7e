using CourseKit.Grading.Assignments;
using CourseKit.Grading.Lectures;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Book;

/// <summary>
/// The one door every notebook passes through on its way into the course website: what students may see, the same
/// student version <c>coursekit notebook student</c> writes (<see cref="LectureVersions.Student(Notebook, string)"/>:
/// solution and instructor cells dropped, solution regions stubbed as in <see cref="AssignmentGenerator"/>, hidden tests
/// removed), and the outputs a stubbed cell had (computed by the solution) go with it. A marker left anywhere afterwards (an unbalanced region, a marker in prose or
/// in an output) stops the build rather than publishing it.
/// </summary>
public static class StudentVersion
{
    /// <summary>The student version of <paramref name="notebook"/> (a copy; the argument is not changed).</summary>
    /// <param name="notebook">A lecture or assignment notebook, executed or not.</param>
    /// <param name="name">The notebook's name, for error messages.</param>
    /// <exception cref="InvalidDataException">A solution or hidden-test marker would still reach the student.</exception>
    public static Notebook Of(Notebook notebook, string name)
    {
        Notebook copy;
        try
        {
            copy = LectureVersions.Student(notebook, name);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message} Fix the markers before building the book.", e);
        }
        // A cell whose solution was stubbed loses the outputs the solution computed.
        var originals = notebook.Cells.Where(c => !LectureVersions.IsInstructorOnly(c)).ToList();
        foreach (var (cell, original) in copy.Cells.Zip(originals))
        {
            if (cell.Source == original.Source) continue;
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        foreach (var cell in copy.Cells)
        {
            var leak = LectureVersions.Markers.FirstOrDefault(m => cell.Source.Contains(m, StringComparison.Ordinal)
                                                   || cell.Outputs.Any(o => o.ToJsonString().Contains(m, StringComparison.Ordinal)));
            if (leak is not null)
                throw new InvalidDataException(
                    $"{name}: cell {cell.Id ?? "(no id)"} still holds \"{leak}\" after solutions were removed; a solution marker outside a code cell's " +
                    "comment line, or in an output, would reach students. Mark solution cells with \"coursekit\": {\"role\": \"solution\"} instead.");
        }
        return copy;
    }
}
