using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Grading.Lectures;
using CourseKit.Notebooks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Tests.Notebooks;

/// <summary>
/// Every lecture ends with exercises (at least four, at least two with a self-check), and its student version, generated
/// from the same source, holds no solution and still runs: every stub sits inside a method body, so only the
/// self-check that calls it reports "not implemented yet".
/// </summary>
public sealed partial class LectureExerciseTests
{
    [GeneratedRegex(@"^###\s*Exercise\s+\d+", RegexOptions.Multiline)]
    private static partial Regex ExerciseHeading();

    public static TheoryData<string> Lectures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.RepositoryRoot(), "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    private static string PathOf(string lecture) => Path.Combine(Cli.RepositoryRoot(), "notebooks", lecture);

    [Theory]
    [MemberData(nameof(Lectures))]
    public void Each_lecture_opens_with_its_numbered_title_and_its_topic(string lecture)
    {
        // The course website's table of contents and syllabus read these two lines (BookBuilder.TitleOf, BookHomePage.Summary).
        var opening = NotebookFile.Read(PathOf(lecture)).Cells[0];
        Assert.False(opening.IsCode, $"{lecture}: the first cell is code; a lecture opens with its title cell.");
        Assert.Matches(@"^# \d{2} · \S", opening.Source);
        Assert.StartsWith(lecture[..2], opening.Source[2..]);
        var topic = Regex.Match(opening.Source, @"^\*\*Lecture topic:\*\* (?<topic>.+?)(?:\n\s*\n|\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(topic.Success, $"{lecture}: the title cell has no '**Lecture topic:** …' paragraph (notebooks/README.md).");
        Assert.InRange(topic.Groups["topic"].Value.Length, 40, 420);
        var summary = CourseKit.Cli.Book.BookHomePage.Summary(NotebookFile.Read(PathOf(lecture)));
        Assert.StartsWith(char.ToUpperInvariant(topic.Groups["topic"].Value[0]).ToString(), summary);
    }

    [Theory]
    [MemberData(nameof(Lectures))]
    public void Each_lecture_ends_with_four_exercises_two_of_them_self_checked(string lecture)
    {
        var cells = NotebookFile.Read(PathOf(lecture)).Cells;
        int start = cells.FindIndex(c => !c.IsCode && Regex.IsMatch(c.Source, @"^##\s*Exercises\s*$", RegexOptions.Multiline));
        Assert.True(start >= 0, $"{lecture} has no '## Exercises' cell.");
        var exercises = cells.Skip(start).ToList();
        int headings = exercises.Count(c => !c.IsCode && ExerciseHeading().IsMatch(c.Source));
        int selfChecks = exercises.Count(c => c.IsCode && c.Source.Contains("SelfCheck.Exercise(", StringComparison.Ordinal));
        Assert.True(headings >= 4, $"{lecture}: {headings} exercises after '## Exercises'; a lecture ends with at least four.");
        Assert.True(selfChecks >= 2, $"{lecture}: {selfChecks} self-checked exercises; at least two need SelfCheck.Exercise.");
        int solutions = exercises.Count(c => c.IsCode && LectureVersions.HasSolutionMarker(c.Source));
        Assert.True(solutions >= 2, $"{lecture}: {solutions} code cells with a solution region; the self-checked exercises need the student's code.");
    }

    [Theory]
    [MemberData(nameof(Lectures))]
    public void The_student_version_holds_no_solution_and_every_stub_is_inside_a_method(string lecture)
    {
        var source = NotebookFile.Read(PathOf(lecture));
        var student = LectureVersions.Student(source, lecture);

        Assert.DoesNotContain(student.Cells, c => LectureVersions.HasSolutionMarker(c.Source));
        Assert.DoesNotContain(student.Cells, LectureVersions.IsInstructorOnly);
        Assert.Equal(source.Cells.Count(c => !LectureVersions.IsInstructorOnly(c)), student.Cells.Count);
        foreach (var cell in student.Cells.Where(c => c.IsCode && c.Source.Contains("throw new NotImplementedException();")))
        {
            var tree = CSharpSyntaxTree.ParseText(cell.Source, new CSharpParseOptions(kind: SourceCodeKind.Script));
            var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{lecture}, cell {cell.Id}: the student version does not parse: {string.Join("; ", errors)}");
            foreach (var stub in tree.GetRoot().DescendantNodes().OfType<ThrowStatementSyntax>())
                Assert.True(stub.Ancestors().Any(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax),
                    $"{lecture}, cell {cell.Id}: a solution region outside a method body; its stub would stop the student's notebook. " +
                    "Put the region inside the method the self-check calls.");
        }
    }

    [Fact]
    public void The_student_version_stubs_solutions_and_drops_solution_cells_and_says_which_cell_is_unbalanced()
    {
        var notebook = NotebookFile.NewPolyglot(
            Cell.Markdown("### Exercise 1 · square"),
            Cell.Code("Tensor Square(Tensor x)\n{\n    // ### BEGIN SOLUTION\n    return x * x;\n    // ### END SOLUTION\n}"),
            Cell.Markdown("**Solution.** Squares."));
        notebook.Cells[1].Id = "ex1";
        notebook.Cells[2].Metadata["coursekit"] = new JsonObject { ["role"] = "solution" };

        var student = LectureVersions.Student(notebook, "tiny.ipynb");

        Assert.Equal(2, student.Cells.Count);
        Assert.Equal("Tensor Square(Tensor x)\n{\n    throw new NotImplementedException();\n}", student.Cells[1].Source);
        Assert.Equal(3, notebook.Cells.Count);   // the source is left as it was
        Assert.Contains("return x * x;", notebook.Cells[1].Source);

        notebook.Cells[1].Source = "int F()\n{\n    // ### BEGIN SOLUTION\n    return 1;\n}";
        var error = Assert.Throws<InvalidDataException>(() => LectureVersions.Student(notebook, "tiny.ipynb"));
        Assert.Contains("tiny.ipynb", error.Message);
        Assert.Contains("ex1", error.Message);
    }
}
