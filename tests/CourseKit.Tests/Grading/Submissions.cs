using System.Text.Json.Nodes;
using CourseKit.Grading.Assignments;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Grading;

/// <summary>Builds submission fixtures from the generated student notebook.</summary>
internal static class Submissions
{
    public static string ReplaceAnswers(string studentJson, MasterCopy master, IReadOnlyDictionary<string, string> answers) =>
        SubmissionWriter.WithAnswers(studentJson, master, answers);

    public static string Edit(string json, Action<JsonArray> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root["cells"]!.AsArray());
        return root.ToJsonString();
    }

    public static JsonObject? Find(JsonArray cells, string id) =>
        cells.OfType<JsonObject>().FirstOrDefault(c => (string?)c["id"] == id);

    public static void SetSource(JsonObject cell, string source) => cell["source"] = NotebookFile.ToLines(source);
}
