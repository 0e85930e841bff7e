using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Grading.Reports;

/// <summary>
/// Gradescope's results.json (autograder specification): top level score, execution_time, output, output_format,
/// visibility, stdout_visibility, tests[]; each test score, max_score, status, name, number, output,
/// output_format, tags, visibility. Hidden checks are "after_published": students see them once grades are out.
/// </summary>
public static class GradescopeResults
{
    /// <summary>The results.json text for a report.</summary>
    public static string ToJson(GradeReport report)
    {
        var tests = new JsonArray();
        int index = 0;
        foreach (var check in report.Checks)
        {
            index++;
            tests.Add(new JsonObject
            {
                ["score"] = check.Score,
                ["max_score"] = check.MaxScore,
                ["status"] = check.Passed ? "passed" : "failed",
                ["name"] = ReportText.Clean($"{check.Id}: {check.Title}", 300),
                ["number"] = NumberOf(check, index),
                ["output"] = ReportText.Clean(check.Message),
                ["output_format"] = "text",
                ["tags"] = new JsonArray(ReportText.Clean(check.Question, 50), check.Hidden ? "hidden" : "visible"),
                ["visibility"] = check.Hidden ? "after_published" : "visible",
            });
        }
        string output = $"{report.Assignment}: {Format(report.Score)}/{Format(report.MaxScore)} points.";
        if (report.Notes.Count > 0) output += "\n" + string.Join("\n", report.Notes.Take(FeedbackReport.MaxNotes).Select(n => "- " + ReportText.Clean(n)));
        var root = new JsonObject
        {
            ["score"] = report.Score,
            ["execution_time"] = Math.Round(report.Seconds, 2),
            ["output"] = output,
            ["output_format"] = "text",
            ["visibility"] = "visible",
            ["stdout_visibility"] = "hidden",
            ["tests"] = tests,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string NumberOf(CheckResult check, int index) =>
        check.Question.TrimStart('q') + "." + index.ToString(CultureInfo.InvariantCulture);

    internal static string Format(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
