using System.Text.Json.Nodes;

namespace CourseKit.Grading.Assignments;

/// <summary>
/// Writes a submission as a student would hand it in: the generated student notebook with some answer cells
/// rewritten. For benchmarks and tests that need submissions of known content (the reference answers, variants).
/// </summary>
public static class SubmissionWriter
{
    /// <summary>
    /// The student notebook <paramref name="studentJson"/> with the answer cell of each question in
    /// <paramref name="answers"/> (question id → source) replaced; other cells stay as generated.
    /// </summary>
    /// <exception cref="InvalidDataException">An answer cell of the master copy is not in the notebook.</exception>
    public static string WithAnswers(string studentJson, MasterCopy master, IReadOnlyDictionary<string, string> answers)
    {
        var root = JsonNode.Parse(studentJson)!.AsObject();
        var cells = root["cells"]!.AsArray();
        foreach (var answer in master.Answers)
        {
            if (answer.Question is null || !answers.TryGetValue(answer.Question, out string? source)) continue;
            var cell = cells.OfType<JsonObject>().FirstOrDefault(c => (string?)c["id"] == answer.Id)
                       ?? throw new InvalidDataException($"the student notebook has no answer cell {answer.Id} ({answer.Question}).");
            cell["source"] = Lines(source);
        }
        return root.ToJsonString();
    }

    /// <summary>A cell source as nbformat stores it: lines, each but the last ending in "\n".</summary>
    private static JsonArray Lines(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        return new JsonArray(lines.Select((line, k) => (JsonNode)JsonValue.Create(k < lines.Length - 1 ? line + "\n" : line)!).ToArray());
    }
}
