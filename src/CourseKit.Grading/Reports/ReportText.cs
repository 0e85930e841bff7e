using System.Text;

namespace CourseKit.Grading.Reports;

/// <summary>
/// Makes student-derived text safe to put in a report: valid UTF-16 (a lone surrogate becomes U+FFFD), no control
/// characters but newline and tab (no ANSI escapes, no NUL), capped in length; and, for Markdown, escaped so that it
/// shows as the student wrote it and never as HTML, a heading, emphasis or a table.
/// </summary>
public static class ReportText
{
    /// <summary>The most characters of one check message, note or name a report keeps.</summary>
    public const int MaxChars = 2000;

    /// <summary>Valid text without control characters (newline and tab kept), at most <paramref name="maxChars"/> characters plus a cut marker.</summary>
    public static string Clean(string? text, int maxChars = MaxChars)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var clean = new StringBuilder(Math.Min(text.Length, maxChars) + 48);
        int kept = 0;
        for (int i = 0; i < text.Length && kept < maxChars; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
                kept += 2;
                continue;
            }
            if (char.IsSurrogate(c)) clean.Append('\uFFFD');
            else if (c is '\n' or '\t') clean.Append(c);
            else if (char.IsControl(c) || c is '\u2028' or '\u2029') continue;
            else clean.Append(c);
            kept++;
        }
        int rest = text.Length - kept;
        return rest <= 0 ? clean.ToString() : clean.Append($"… [{rest} more characters cut]").ToString();
    }

    /// <summary>
    /// One line of Markdown that shows <paramref name="text"/> literally: cleaned and capped, newlines as " ⏎ ", HTML
    /// characters as entities, and the marks of inline Markdown (code, emphasis, links, tables, math) backslash-escaped.
    /// The text always follows report text on its line, so block syntax (headings, lists) cannot start there.
    /// </summary>
    public static string Markdown(string? text, int maxChars = MaxChars)
    {
        string clean = Clean(text, maxChars);
        var md = new StringBuilder(clean.Length + 16);
        foreach (char c in clean)
        {
            switch (c)
            {
                case '\n': md.Append(" ⏎ "); break;
                case '\t': md.Append(' '); break;
                case '&': md.Append("&amp;"); break;
                case '<': md.Append("&lt;"); break;
                case '>': md.Append("&gt;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '#' or '$':
                    md.Append('\\').Append(c); break;
                default: md.Append(c); break;
            }
        }
        return md.ToString();
    }

    /// <summary>Text for a fenced code block: cleaned, capped, and unable to close the fence (no run of three backticks or tildes).</summary>
    public static string CodeBlock(string? text, int maxChars)
    {
        string clean = Clean(text, maxChars).Replace("\r", "");
        return clean.Replace("```", "'''").Replace("~~~", "---");
    }

    /// <summary>
    /// A CSV cell (RFC 4180 quoted) that no spreadsheet runs as a formula: text starting with =, +, -, @, tab or
    /// carriage return gets a leading apostrophe (OWASP's advice for CSV injection).
    /// </summary>
    public static string CsvCell(string? text, int maxChars = MaxChars)
    {
        string clean = Clean(text, maxChars).Replace('\n', ' ').Replace('\t', ' ');
        if (clean.Length > 0 && clean[0] is '=' or '+' or '-' or '@') clean = "'" + clean;
        return "\"" + clean.Replace("\"", "\"\"") + "\"";
    }
}
