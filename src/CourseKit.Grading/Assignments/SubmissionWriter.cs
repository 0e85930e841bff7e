using System.Text.Json.Nodes;
using CourseKit.Notebooks.Model;

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
            cell["source"] = NotebookFile.ToLines(source.Replace("\r\n", "\n"));
        }
        return root.ToJsonString();
    }
}
