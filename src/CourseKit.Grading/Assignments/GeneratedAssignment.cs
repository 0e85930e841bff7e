using System.Text;
using CourseKit.Notebooks.Model;

namespace CourseKit.Grading.Assignments;

/// <summary>The products of one source notebook (nbgrader's generate_assignment).</summary>
/// <param name="StudentNotebookJson">The student notebook: solutions replaced by stubs, hidden tests and instructor cells removed.</param>
/// <param name="Master">The master copy with checksums of answer, locked and check cells.</param>
/// <param name="ReferenceAnswers">The instructor's answer cells (solutions kept), by question.</param>
public sealed record GeneratedAssignment(string StudentNotebookJson, MasterCopy Master, IReadOnlyDictionary<string, string> ReferenceAnswers);
