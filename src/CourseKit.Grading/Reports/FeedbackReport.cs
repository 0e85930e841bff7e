using System.Text;

namespace CourseKit.Grading.Reports;

/// <summary>
/// The student's Markdown feedback: score, per-question table, each check's reason, notes and captured output. Every
/// student-derived string is cleaned, capped and escaped (<see cref="ReportText"/>), so the file shows what the code
/// printed and never runs or renders it (no HTML, no fake headings or scores, no terminal escapes).
/// </summary>
public static class FeedbackReport
{
    /// <summary>The most notes the report lists.</summary>
    public const int MaxNotes = 50;

    /// <summary>The most characters of captured output the report shows.</summary>
    public const int OutputChars = 16 * 1024;

    /// <summary>The Markdown text.</summary>
    public static string ToMarkdown(GradeReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Assignment} feedback: {ReportText.Markdown(report.Submission, 200)}");
        md.AppendLine();
        md.AppendLine($"**Score: {GradescopeResults.Format(report.Score)} / {GradescopeResults.Format(report.MaxScore)}**");
        md.AppendLine();
        md.AppendLine("| question | points |");
        md.AppendLine("| --- | --- |");
        foreach (var group in report.Checks.GroupBy(c => c.Question))
            md.AppendLine($"| {ReportText.Markdown(group.Key, 50)} | {GradescopeResults.Format(group.Sum(c => c.Score))} / {GradescopeResults.Format(group.Sum(c => c.MaxScore))} |");
        md.AppendLine();
        md.AppendLine("## Checks");
        md.AppendLine();
        foreach (var check in report.Checks)
        {
            string mark = check.Passed ? "✔ passed" : "✘ failed";
            string hidden = check.Hidden ? " (hidden check)" : "";
            md.AppendLine($"- **{ReportText.Markdown(check.Id, 100)}**{hidden}: {ReportText.Markdown(check.Title)} — {mark}, {GradescopeResults.Format(check.Score)}/{GradescopeResults.Format(check.MaxScore)}. {ReportText.Markdown(check.Message)}");
        }
        if (report.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (string note in report.Notes.Take(MaxNotes)) md.AppendLine($"- {ReportText.Markdown(note)}");
            if (report.Notes.Count > MaxNotes) md.AppendLine($"- … {report.Notes.Count - MaxNotes} more notes left out.");
        }
        if (report.CapturedOutput.Length > 0)
        {
            md.AppendLine();
            md.AppendLine("## Output of your code (capped; never used for scoring)");
            md.AppendLine();
            md.AppendLine("```text");
            md.AppendLine(ReportText.CodeBlock(report.CapturedOutput, OutputChars));
            md.AppendLine("```");
        }
        md.AppendLine();
        md.AppendLine($"_Graded in {report.Seconds:0.0} s; student code ran in {ReportText.Markdown(report.Isolation)}._");
        return md.ToString();
    }
}
