using CourseKit.Assignments.A2;
using CourseKit.Grading;
using CourseKit.Grading.Assignments;

namespace CourseKit.Tests.Grading;

/// <summary>Assignment 2: the reference earns all 13 points in the sandbox, the stub none, and a naive GAN loss loses a hidden check.</summary>
[Collection("Sandboxed grading")]
public sealed class A2Tests
{
    private static readonly A2Assignment Assignment = new();
    private static readonly Lazy<GeneratedAssignment> Generated = new(() =>
        AssignmentGenerator.FromSource(Assignment));

    private static Grader Grader() => new(Assignment, Generated.Value.Master, new GraderOptions { Sandbox = GradingFixture.Shared.Value.Sandbox });

    private static string With(IReadOnlyDictionary<string, string> answers) =>
        Submissions.ReplaceAnswers(Generated.Value.StudentNotebookJson, Generated.Value.Master, answers);

    [Fact]
    public void Reference_scores_13_of_13_and_the_stub_scores_0()
    {
        var reference = Grader().Grade("reference", With(Generated.Value.ReferenceAnswers));
        Assert.All(reference.Checks, c => Assert.True(c.Passed, $"{c.Id}: {c.Message}"));
        Assert.Equal(13, reference.Score);
        var stub = Grader().Grade("stub", Generated.Value.StudentNotebookJson);
        Assert.Equal(0, stub.Score);
        BadSubmissionTests.AssertValidResults(stub);
    }

    [Fact]
    public void A_naive_log_sigmoid_generator_loss_passes_visible_checks_and_fails_the_confident_hidden_one()
    {
        var answers = Generated.Value.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q4"] = "Tensor DiscriminatorLoss(Tensor r, Tensor f) => -(sigmoid(r).log().mean() + (1 - sigmoid(f)).log().mean());\n" +
                        "Tensor GeneratorLoss(Tensor f) => -sigmoid(f).log().mean();";
        var report = Grader().Grade("naive", With(answers));
        var q4 = report.Checks.Where(c => c.Question == "q4").ToDictionary(c => c.Id);
        Assert.True(q4["q4.discriminator"].Passed, q4["q4.discriminator"].Message);
        Assert.True(q4["q4.generator"].Passed, q4["q4.generator"].Message);
        // log(1 − σ(40)) = log(0) = −∞: the naive discriminator loss is infinite on confident fakes.
        Assert.False(q4["q4.discriminator-hidden"].Passed);
        Assert.True(report.Score <= 12.5, $"score {report.Score}");
    }
}
