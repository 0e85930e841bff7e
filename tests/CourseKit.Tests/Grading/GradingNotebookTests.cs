using System.Text.Json.Nodes;
using CourseKit.Grading.Assignments;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Grading;

/// <summary>
/// The generator writes student notebooks through the kit's notebook model (Polyglot format); the grader reads
/// submissions with it, and a malformed one becomes a zero report whose note says what is wrong and where.
/// No sandbox is started here: an unreadable submission never reaches the child.
/// </summary>
public sealed class GradingNotebookTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    [Fact]
    public void Student_notebook_is_in_polyglot_format_with_every_solution_stubbed()
    {
        string json = Fixture.Generated.StudentNotebookJson;
        var student = NotebookFile.Parse(json, "student.ipynb");
        Assert.Equal(json, NotebookFile.ToJson(student)); // exactly the layout Polyglot writes
        Assert.DoesNotContain(AssignmentGenerator.BeginSolution, json);
        Assert.DoesNotContain(AssignmentGenerator.BeginHidden, json);
        foreach (var answer in Fixture.Generated.Master.Answers)
        {
            string source = student.Cells.Single(c => c.Id == answer.Id).Source;
            Assert.Equal(answer.Source, source);
            Assert.Contains("throw new NotImplementedException();", source);
            Assert.NotEqual(Fixture.Generated.ReferenceAnswers[answer.Question!], source);
        }
    }

    [Fact]
    public void Instructor_cells_are_left_out_and_nothing_else_changes()
    {
        var source = NotebookFile.Read(AssignmentFiles.SourceNotebook(Fixture.Assignment, Fixture.AssignmentsRoot));
        var note = Cell.Markdown("Grading notes: most q1 mistakes are in the stride.", "instructor-notes");
        note.Metadata["coursekit"] = new JsonObject { ["role"] = CellRole.Instructor };
        source.Cells.Insert(1, note);
        string path = Path.Combine(Fixture.Scratch, "with-instructor-cell.ipynb");
        NotebookFile.Write(source, path);

        var generated = AssignmentGenerator.Generate(Fixture.Assignment, path);

        Assert.DoesNotContain("instructor-notes", generated.StudentNotebookJson);
        Assert.Equal(Fixture.Generated.StudentNotebookJson, generated.StudentNotebookJson);
    }

    [Fact]
    public void A_duplicated_cell_id_is_renamed_and_graded_like_the_original()
    {
        string firstId = NotebookFile.Parse(Fixture.Generated.StudentNotebookJson, "student").Cells[0].Id!;
        string json = Submissions.Edit(Fixture.Generated.StudentNotebookJson, cells => cells.Add(cells[0]!.DeepClone()));

        var original = Fixture.Quick().Grade("original", Fixture.Generated.StudentNotebookJson);
        var duplicated = Fixture.Quick().Grade("duplicate-id", json);

        BadSubmissionTests.AssertValidResults(duplicated);
        Assert.Equal(original.Score, duplicated.Score);
        Assert.Equal(original.Checks.Select(c => (c.Id, c.Passed)), duplicated.Checks.Select(c => (c.Id, c.Passed)));
        Assert.Contains(duplicated.Notes, n => n.Contains($"repeated the id {firstId} of an earlier cell"));
    }

    [Fact]
    public void A_notebook_without_cells_gives_a_zero_report_saying_so()
    {
        var report = Fixture.Quick().Grade("no-cells", """{"metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");

        AssertUnreadable(report, "\"cells\" is missing");
    }

    private static void AssertUnreadable(CourseKit.Grading.Reports.GradeReport report, string reason)
    {
        BadSubmissionTests.AssertValidResults(report);
        Assert.Equal(0, report.Score);
        Assert.Equal(23, report.MaxScore);
        string note = Assert.Single(report.Notes);
        Assert.StartsWith("the submission is not a readable notebook: " + report.Submission + ":", note);
        Assert.Contains(reason, note);
        Assert.All(report.Checks, c => Assert.Contains(reason, c.Message));
    }
}
