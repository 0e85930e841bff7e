using System.Text;

namespace CourseKit.Grading.Reports;

/// <summary>The student's Markdown feedback: score, per-question table, each check's reason, notes and captured output.</summary>
public static class FeedbackReport
{
    /// <summary>The Markdown text.</summary>
    public static string ToMarkdown(GradeReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Assignment} feedback: {report.Submission}");
        md.AppendLine();
        md.AppendLine($"**Score: {GradescopeResults.Format(report.Score)} / {GradescopeResults.Format(report.MaxScore)}**");
        md.AppendLine();
        md.AppendLine("| question | points |");
        md.AppendLine("| --- | --- |");
        foreach (var group in report.Checks.GroupBy(c => c.Question))
            md.AppendLine($"| {group.Key} | {GradescopeResults.Format(group.Sum(c => c.Score))} / {GradescopeResults.Format(group.Sum(c => c.MaxScore))} |");
        md.AppendLine();
        md.AppendLine("## Checks");
        md.AppendLine();
        foreach (var check in report.Checks)
        {
            string mark = check.Passed ? "✔ passed" : "✘ failed";
            string hidden = check.Hidden ? " (hidden check)" : "";
            md.AppendLine($"- **{check.Id}**{hidden}: {Escape(check.Title)} — {mark}, {GradescopeResults.Format(check.Score)}/{GradescopeResults.Format(check.MaxScore)}. {Escape(check.Message)}");
        }
        if (report.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (string note in report.Notes) md.AppendLine($"- {Escape(note)}");
        }
        if (report.CapturedOutput.Length > 0)
        {
            md.AppendLine();
            md.AppendLine("## Output of your code (capped; never used for scoring)");
            md.AppendLine();
            md.AppendLine("```text");
            md.AppendLine(report.CapturedOutput.Replace("```", "'''"));
            md.AppendLine("```");
        }
        md.AppendLine();
        md.AppendLine($"_Graded in {report.Seconds:0.0} s; student code ran in {report.Isolation}._");
        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("\r", "").Replace("\n", " ⏎ ");
}
