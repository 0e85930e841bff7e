using System.Text.Json;
using CourseKit.Grading;
using CourseKit.Grading.Reports;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 5: malformed input never aborts a batch. Whatever a submission's bytes, it gets a report
/// (results.json and feedback.md that parse and open), and the submissions after it are graded.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class MalformedSubmissionTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    private static string Student => Fixture.Generated.StudentNotebookJson;

    /// <summary>The three notebooks that aborted the batch in the issue, as raw JSON text.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "huge-minor", Student.Replace("\"nbformat_minor\": 5", "\"nbformat_minor\": 1e300") },
        { "surrogate-id", Student.Replace("\"id\": \"setup-usings\"", "\"id\": \"\\ud800\"") },
        { "surrogate-source", Student.Replace("\"id\": \"setup-usings\"", "\"id\": \"setup-usings\", \"x\": \"\\udfff\"")
            .Replace("throw new NotImplementedException();", "throw new NotImplementedException(); // \\ud800") },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_notebook_gets_a_valid_report_on_disk(string name, string json)
    {
        string folder = Path.Combine(Fixture.Scratch, "malformed-" + name);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".ipynb");
        File.WriteAllText(path, json);
        var report = GradingRun.GradeOne(Fixture.Quick(), path, Path.Combine(folder, "out"));
        BadSubmissionTests.AssertValidResults(report);
        Assert.Equal(0, report.Score);
        Assert.Equal(23, report.MaxScore); // q1–q4 of A1, every check reported
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "out", "results.json")));
        Assert.Equal(0, written.RootElement.GetProperty("score").GetDouble());
        Assert.True(File.Exists(Path.Combine(folder, "out", "feedback.md")));
    }

    [Fact]
    public void A_batch_of_malformed_notebooks_grades_every_one_and_writes_the_gradebook()
    {
        string folder = Path.Combine(Fixture.Scratch, "malformed-batch");
        string outDir = Path.Combine(Fixture.Scratch, "malformed-batch-out");
        Directory.CreateDirectory(folder);
        foreach (var row in Malformed)
            File.WriteAllText(Path.Combine(folder, (string)row[0] + ".ipynb"), (string)row[1]);
        File.WriteAllBytes(Path.Combine(folder, "random-bytes.ipynb"), RandomBytes(4096));
        File.WriteAllBytes(Path.Combine(folder, "empty.ipynb"), []);

        var reports = GradingRun.GradeFolder(Fixture.Quick(), folder, outDir);

        Assert.Equal(5, reports.Count);
        Assert.All(reports, r => Assert.Equal(0, r.Score));
        string[] rows = File.ReadAllLines(Path.Combine(outDir, "gradebook.csv"));
        Assert.Equal(6, rows.Length); // header + one row each
        foreach (var report in reports)
            Assert.True(File.Exists(Path.Combine(outDir, report.Submission, "results.json")), report.Submission);
    }

    [Fact]
    public void Random_bytes_get_a_zero_report_that_says_the_file_is_not_a_notebook()
    {
        var report = Fixture.Quick().Grade("random", System.Text.Encoding.UTF8.GetString(RandomBytes(2048)));
        BadSubmissionTests.AssertValidResults(report);
        Assert.Equal(0, report.Score);
        Assert.Contains("not a readable notebook", report.Notes[0]);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20).NextBytes(bytes);
        return bytes;
    }
}
