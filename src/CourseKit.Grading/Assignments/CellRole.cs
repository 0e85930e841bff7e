using System.Text.Json.Nodes;
using CourseKit.Notebooks.Model;

namespace CourseKit.Grading.Assignments;

/// <summary>A cell's role in an assignment, read from its kit metadata <c>"coursekit": {"role", "question", "points"}</c>.</summary>
/// <param name="Role">"answer", "locked", "check", "instructor" (removed from the student version), "solution" (a lecture
/// exercise's written answer, removed from the student version) or "" (free prose).</param>
/// <param name="Question">The question an answer/check cell belongs to.</param>
/// <param name="Points">The question's points (answer cells), checked against the assignment's checks.</param>
internal sealed record CellRole(string Role, string? Question, double Points)
{
    public const string Answer = "answer", Locked = "locked", CheckCell = "check", Instructor = "instructor", Solution = "solution";

    /// <summary>The role of <paramref name="cell"/>; a role of "" when it has no kit metadata.</summary>
    public static CellRole Of(Cell cell)
    {
        if (cell.Metadata["coursekit"] is not JsonObject kit) return new CellRole("", null, 0);
        string role = kit["role"]?.GetValue<string>() ?? "";
        string? question = kit["question"]?.GetValue<string>();
        double points = kit["points"] is JsonValue p && p.TryGetValue(out double d) ? d : 0;
        return new CellRole(role, question, points);
    }

    /// <summary>The kit metadata a restored cell carries (role and question).</summary>
    public static JsonObject Metadata(string role, string? question) => new() { ["role"] = role, ["question"] = question };
}
