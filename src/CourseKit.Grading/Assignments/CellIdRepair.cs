using System.Text.Json.Nodes;

namespace CourseKit.Grading.Assignments;

/// <summary>
/// Gives every cell of a submitted notebook a unique id before it is read. Copy-pasting a cell in some editors, or
/// merging two notebooks by hand, duplicates cell ids (nbformat 4.5 asks for unique ones; Jupyter renames duplicates on
/// load). A student must not lose marks for that, so the grader renames such cells and says so in the report, instead
/// of refusing the notebook. Answers are found by their cell's role metadata, not by id, so nothing else changes.
/// </summary>
public static class CellIdRepair
{
    /// <summary>Returns the notebook JSON with duplicate or missing cell ids replaced, and a note per change (none if nothing was wrong).</summary>
    /// <param name="notebookJson">The submission as submitted.</param>
    public static (string Json, IReadOnlyList<string> Notes) Repair(string notebookJson)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(notebookJson); }
        catch (System.Text.Json.JsonException) { return (notebookJson, []); }   // the reader reports broken JSON itself
        if (root is not JsonObject notebook || notebook["cells"] is not JsonArray cells || !UsesCellIds(notebook))
            return (notebookJson, []);
        try
        {
            return RepairCells(notebookJson, root, cells);
        }
        catch (InvalidOperationException)
        {
            return (notebookJson, []); // an unreadable string (a lone UTF-16 surrogate): the reader reports it itself
        }
    }

    private static (string Json, IReadOnlyList<string> Notes) RepairCells(string notebookJson, JsonNode root, JsonArray cells)
    {

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var notes = new List<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell) continue;
            string? id = cell["id"] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;
            if (id is not null && seen.Add(id)) continue;
            string fresh = FreshId(i, seen);
            seen.Add(fresh);
            cell["id"] = fresh;
            notes.Add(id is null
                ? $"cell {i + 1} had no id; it was graded as id {fresh}."
                : $"cell {i + 1} repeated the id {id} of an earlier cell; it was graded as id {fresh}.");
        }
        return notes.Count == 0 ? (notebookJson, notes) : (root.ToJsonString(), notes);
    }

    // Cell ids exist from nbformat 4.5 on.
    // A number that is no int (1e300, 4.5) is left for the reader to report.
    private static bool UsesCellIds(JsonObject notebook) =>
        IntOf(notebook["nbformat"]) > 4 || IntOf(notebook["nbformat_minor"]) >= 5;

    private static int IntOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.TryGetValue(out int number) ? number : -1;

    private static string FreshId(int index, HashSet<string> taken)
    {
        string id = $"cell-{index + 1}";
        for (int n = 2; taken.Contains(id); n++) id = $"cell-{index + 1}-{n}";
        return id;
    }
}
