using System.Globalization;
using System.Text;

namespace CourseKit.Grading.Reports;

/// <summary>The batch gradebook: one CSV row per submission, a column per question, then total and max.</summary>
public static class Gradebook
{
    /// <summary>The CSV text (RFC 4180 quoting; student-derived cells capped and never formulas, see <see cref="ReportText.CsvCell"/>).</summary>
    public static string ToCsv(IReadOnlyList<GradeReport> reports, IReadOnlyList<string> questions)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", new[] { "submission" }.Concat(questions).Concat(new[] { "score", "max_score", "notes" })));
        foreach (var report in reports)
        {
            var byQuestion = report.ScoreByQuestion;
            var cells = new List<string> { ReportText.CsvCell(report.Submission, 200) };
            cells.AddRange(questions.Select(q => (byQuestion.TryGetValue(q, out double s) ? s : 0).ToString("0.##", CultureInfo.InvariantCulture)));
            cells.Add(report.Score.ToString("0.##", CultureInfo.InvariantCulture));
            cells.Add(report.MaxScore.ToString("0.##", CultureInfo.InvariantCulture));
            cells.Add(ReportText.CsvCell(string.Join(" | ", report.Notes.Select(n => ReportText.Clean(n, 300)))));
            csv.AppendLine(string.Join(",", cells));
        }
        return csv.ToString();
    }
}
