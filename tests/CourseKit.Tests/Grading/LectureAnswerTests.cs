using CourseKit.Assignments.A1;
using CourseKit.Assignments.A2;
using CourseKit.Grading;
using CourseKit.Grading.Assignments;
using CourseKit.Notebooks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace CourseKit.Tests.Grading;

/// <summary>
/// A lecture never hands out a graded answer: every method a lecture notebook writes whose return and parameter types
/// are those of an assignment answer (names ignored) is graded as that question's answer, with the lecture's other
/// declarations beside it and a forwarder from the question's name, and must score 0. The same pipeline applied to the
/// reference answers under another name scores, so the test would catch a lecture that did.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class LectureAnswerTests(ITestOutputHelper output)
{
    private sealed record AnswerShape(string Assignment, string Question, MethodShape Method);

    private sealed record MethodShape(string Name, string Key, string Parameters, IReadOnlyList<string> ParameterNames, string ReturnType, string? Container);

    private sealed record Candidate(string Where, AnswerShape Answer, string Source);

    private static readonly A1Assignment A1 = new();
    private static readonly A2Assignment A2 = new();
    private static readonly Lazy<GeneratedAssignment> A1Generated = new(() => GradingFixture.Shared.Value.Generated);
    private static readonly Lazy<GeneratedAssignment> A2Generated = new(() => AssignmentGenerator.FromSource(A2));

    private static readonly CSharpParseOptions Script = new(kind: SourceCodeKind.Script);

    [Fact]
    public void No_lecture_method_shaped_like_an_assignment_answer_scores()
    {
        var answers = AnswerShapes();
        var candidates = new List<Candidate>();
        foreach (var file in Directory.GetFiles(Path.Combine(CourseKit.Tests.Notebooks.Cli.RepositoryRoot(), "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
        {
            var cells = NotebookFile.Read(file).CodeCells.Select(c => (c.Id ?? "?", c.Source)).ToList();
            candidates.AddRange(CandidatesIn(Path.GetFileName(file), cells, answers));
        }
        output.WriteLine($"{candidates.Count} lecture methods have an assignment answer's shape.");
        foreach (var candidate in candidates)
        {
            double score = Grade(candidate);
            output.WriteLine($"{candidate.Where} as {candidate.Answer.Assignment} {candidate.Answer.Question}: {score} points");
            Assert.True(score == 0, $"{candidate.Where}, graded as {candidate.Answer.Assignment} {candidate.Answer.Question}, scores {score}: " +
                "the lecture hands out a graded answer. Write the simpler case (one channel, stride 1, no padding, another " +
                "parameterisation) or make it an exercise whose solution is only in the instructor's source.\n" + candidate.Source);
        }
    }

    [Fact]
    public void The_reference_answers_under_another_name_would_be_caught()
    {
        var answers = AnswerShapes();
        foreach (var (assignment, generated) in new[] { ("A1", A1Generated.Value), ("A2", A2Generated.Value) })
            foreach (var question in new[] { "q1", "q2" })
            {
                var shapes = answers.Where(a => a.Assignment == assignment && a.Question == question).ToList();
                string renamed = generated.ReferenceAnswers[question];
                foreach (var shape in shapes) renamed = renamed.Replace(shape.Method.Name + "(", "Lecture" + shape.Method.Name + "(");
                var found = CandidatesIn($"reference {assignment} {question}", [("ref", renamed)], answers)
                    .Where(c => c.Answer.Assignment == assignment && c.Answer.Question == question).ToList();
                Assert.NotEmpty(found);
                Assert.True(Grade(found[0]) > 0, $"the renamed reference answer of {assignment} {question} should score:\n{found[0].Source}");
            }
    }

    /// <summary>The answer methods of both assignments, read from their reference answers.</summary>
    private static List<AnswerShape> AnswerShapes()
    {
        var shapes = new List<AnswerShape>();
        foreach (var (assignment, generated) in new[] { ("A1", A1Generated.Value), ("A2", A2Generated.Value) })
            foreach (var (question, source) in generated.ReferenceAnswers)
                foreach (var method in Methods(CSharpSyntaxTree.ParseText(source, Script).GetRoot()))
                    if (method.Container is null) shapes.Add(new AnswerShape(assignment, question, method));
        return shapes;
    }

    private static IEnumerable<Candidate> CandidatesIn(string notebook, List<(string Id, string Source)> cells, List<AnswerShape> answers)
    {
        var declarations = new Dictionary<string, string>();   // name → text; a later cell's definition replaces an earlier one
        foreach (var (id, source) in cells)
        {
            var root = CSharpSyntaxTree.ParseText(source, Script).GetRoot();
            foreach (var member in root.ChildNodes().OfType<MemberDeclarationSyntax>().Where(m => m is not GlobalStatementSyntax))
                declarations[NameOf(member)] = member.ToFullString();
            foreach (var statement in root.ChildNodes().OfType<GlobalStatementSyntax>().Select(g => g.Statement).OfType<LocalFunctionStatementSyntax>())
                declarations[statement.Identifier.Text] = statement.ToFullString();
            foreach (var method in Methods(root))
                foreach (var answer in answers.Where(a => a.Method.Key == method.Key))
                    yield return new Candidate($"{notebook}, cell {id}, {method.Container}{(method.Container is null ? "" : ".")}{method.Name}",
                        answer, AnswerSource(declarations, method, answer.Method));
        }
    }

    // The lecture's declarations so far, plus the question's method calling the lecture's one.
    private static string AnswerSource(Dictionary<string, string> declarations, MethodShape lecture, MethodShape question)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, declaration) in declarations)
            if (name != question.Name || lecture.Name == question.Name) text.Append(declaration).Append('\n');
        if (lecture.Name != question.Name || lecture.Container is not null)
            text.Append($"{question.ReturnType} {question.Name}{question.Parameters} => " +
                        $"{(lecture.Container is null ? "" : lecture.Container + ".")}{lecture.Name}({string.Join(", ", question.ParameterNames)});\n");
        return text.ToString();
    }

    private double Grade(Candidate candidate)
    {
        bool isA1 = candidate.Answer.Assignment == "A1";
        var generated = isA1 ? A1Generated.Value : A2Generated.Value;
        var answers = new Dictionary<string, string> { [candidate.Answer.Question] = candidate.Source };
        var notebook = Submissions.ReplaceAnswers(generated.StudentNotebookJson, generated.Master, answers);
        var options = new GraderOptions
        {
            Sandbox = GradingFixture.Shared.Value.Sandbox,
            Questions = new HashSet<string> { candidate.Answer.Question },
            TimeLimitScale = 3,
        };
        var grader = isA1 ? new Grader(A1, generated.Master, options) : new Grader(A2, generated.Master, options);
        var report = grader.Grade("lecture", notebook);
        foreach (var check in report.Checks) output.WriteLine($"  {check.Id}: {(check.Passed ? "pass" : "fail")} {check.Message}");
        return report.Score;
    }

    /// <summary>Every method and local function, with its shape: return type and parameter types, names and tuple names dropped.</summary>
    private static IEnumerable<MethodShape> Methods(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            var (name, returns, parameters, container) = node switch
            {
                MethodDeclarationSyntax m when m.Parent is TypeDeclarationSyntax t && !m.Modifiers.Any(SyntaxKind.StaticKeyword) => default,
                MethodDeclarationSyntax m => (m.Identifier.Text, m.ReturnType, m.ParameterList, (m.Parent as TypeDeclarationSyntax)?.Identifier.Text),
                LocalFunctionStatementSyntax f when f.Parent is BlockSyntax => default,   // inside another method: not callable
                LocalFunctionStatementSyntax f => (f.Identifier.Text, f.ReturnType, f.ParameterList, null),
                _ => default((string, TypeSyntax, ParameterListSyntax, string?)),
            };
            if (name is null) continue;
            string key = TypeKey(returns) + "(" + string.Join(",", parameters.Parameters.Select(p => p.Type is null ? "?" : TypeKey(p.Type))) + ")";
            yield return new MethodShape(name, key, parameters.ToString(), parameters.Parameters.Select(p => p.Identifier.Text).ToList(),
                returns.ToString(), container);
        }
    }

    private static string TypeKey(TypeSyntax type) => type is TupleTypeSyntax tuple
        ? "(" + string.Join(",", tuple.Elements.Select(e => TypeKey(e.Type))) + ")"
        : new string(type.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string NameOf(MemberDeclarationSyntax member) => member switch
    {
        BaseTypeDeclarationSyntax t => t.Identifier.Text,
        MethodDeclarationSyntax m => m.Identifier.Text,
        _ => member.ToString(),
    };
}
