using CourseKit.Assignments.A2;
using CourseKit.Grading;
using CourseKit.Grading.Assignments;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Assignment 2: the reference earns all 23 points in the sandbox (including both training questions), the stub none,
/// a naive GAN loss loses a hidden check, and the training questions judge only what the parent measures itself.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class A2Tests
{
    private static readonly A2Assignment Assignment = new();
    private static readonly Lazy<GeneratedAssignment> Generated = new(() =>
        AssignmentGenerator.FromSource(Assignment));

    // Time limits ×3 as in A1's full-score test: this machine is shared while the tests run.
    private static Grader Grader(params string[] questions) => new(Assignment, Generated.Value.Master, new GraderOptions
    {
        Sandbox = GradingFixture.Shared.Value.Sandbox,
        Questions = questions.Length == 0 ? null : questions.ToHashSet(),
        TimeLimitScale = 3,
    });

    private static string With(IReadOnlyDictionary<string, string> answers) =>
        Submissions.ReplaceAnswers(Generated.Value.StudentNotebookJson, Generated.Value.Master, answers);

    private static Dictionary<string, string> ReferenceWith(string question, string answer)
    {
        var answers = Generated.Value.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers[question] = answer;
        return answers;
    }

    [Fact]
    public void Reference_scores_23_of_23_and_the_stub_scores_0()
    {
        var reference = Grader().Grade("reference", With(Generated.Value.ReferenceAnswers));
        Assert.All(reference.Checks, c => Assert.True(c.Passed, $"{c.Id}: {c.Message}"));
        Assert.Equal(23, reference.MaxScore);
        Assert.Equal(23, reference.Score);
        var stub = Grader().Grade("stub", Generated.Value.StudentNotebookJson);
        Assert.Equal(0, stub.Score);
        Assert.Equal(23, stub.MaxScore);
        BadSubmissionTests.AssertValidResults(stub);
    }

    [Fact]
    public void A_naive_log_sigmoid_generator_loss_passes_visible_checks_and_fails_the_confident_hidden_one()
    {
        var answers = ReferenceWith("q4",
            "Tensor DiscriminatorLoss(Tensor r, Tensor f) => -(sigmoid(r).log().mean() + (1 - sigmoid(f)).log().mean());\n" +
            "Tensor GeneratorLoss(Tensor f) => -sigmoid(f).log().mean();");
        var report = Grader("q1", "q2", "q3", "q4").Grade("naive", With(answers));
        var q4 = report.Checks.Where(c => c.Question == "q4").ToDictionary(c => c.Id);
        Assert.True(q4["q4.discriminator"].Passed, q4["q4.discriminator"].Message);
        Assert.True(q4["q4.generator"].Passed, q4["q4.generator"].Message);
        // log(1 − σ(40)) = log(0) = −∞: the naive discriminator loss is infinite on confident fakes.
        Assert.False(q4["q4.discriminator-hidden"].Passed);
        Assert.True(report.Score <= 12.5, $"score {report.Score}");
    }

    [Fact]
    public void Untrained_models_fail_q5_and_q6_on_the_numbers_the_parent_measures()
    {
        // The answers keep the architectures and return them untrained: the parent measures −ELBO ≈ 549 nats and IS ≈ 1.0.
        var answers = ReferenceWith("q5", Architecture("q5") + "List<Tensor> TrainVae(Tensor images) => MakeVae().state_dict().Values.ToList();");
        answers["q6"] = Architecture("q6") + "List<Tensor> TrainGenerator(Tensor images) => MakeGenerator().state_dict().Values.ToList();";
        var report = Grader("q5", "q6").Grade("untrained", With(answers));
        Assert.Equal(0, report.Score);
        var byId = report.Checks.ToDictionary(c => c.Id);
        Assert.InRange(Number(byId["q5.elbo"].Message, "test −ELBO (nats) "), 400, 700);
        Assert.InRange(Number(byId["q6.inception-score"].Message, "Inception Score of 1000 samples "), 1.0, 1.3);
        // The partial-credit checks judge the same returned model (one training run per question), so they measure the same numbers.
        Assert.Equal(Number(byId["q5.elbo"].Message, "test −ELBO (nats) "), Number(byId["q5.elbo-partial"].Message, "test −ELBO (nats) "));
        Assert.Equal(Number(byId["q6.inception-score"].Message, "Inception Score of 1000 samples "),
            Number(byId["q6.inception-score-partial"].Message, "Inception Score of 1000 samples "));
        Assert.Equal(0, byId["q6.inception-score-partial"].Seconds);
    }

    [Fact]
    public void Returned_values_that_do_not_fit_the_architecture_fail_with_the_reason()
    {
        // Real test digits, a tensor list one short, and NaN weights: none can be scored, each says why. The answers copy
        // what they return and hold their module in a using until then: a tensor of a module the GC has finalized arrives
        // disposed, which the grader reports as such (a race in the answer, not what this test is about). GC.KeepAlive
        // would do the same, but System.GC is outside the answers' .NET allow-list.
        var answers = ReferenceWith("q5", Architecture("q5") +
            "List<Tensor> TrainVae(Tensor images) { using var vae = MakeVae(); return vae.state_dict().Values.Skip(1).Select(t => t.clone()).ToList(); }");
        answers["q6"] = Architecture("q6") +
            "List<Tensor> TrainGenerator(Tensor images) { using var g = MakeGenerator(); return g.state_dict().Values.Select(t => t.is_floating_point() ? full_like(t, double.NaN) : t.clone()).ToList(); }";
        var report = Grader("q5", "q6").Grade("misfit", With(answers));
        Assert.Equal(0, report.Score);
        var byId = report.Checks.ToDictionary(c => c.Id);
        Assert.Contains("tensors (the architecture's state_dict), got", byId["q5.elbo"].Message);
        Assert.Contains("NaN", byId["q6.inception-score"].Message);

        var images = ReferenceWith("q6", Architecture("q6") + "Tensor TrainGenerator(Tensor images) => images.narrow(0, 0, 1000);");
        var cheat = Grader("q6").Grade("images", With(images));
        Assert.Equal(0, cheat.Score);
        Assert.All(cheat.Checks, c => Assert.Contains("list of tensors", c.Message));
    }

    /// <summary>The reference answer cell's lines before TrainVae / TrainGenerator: the fixed architecture's factory.</summary>
    private static string Architecture(string question)
    {
        string source = Generated.Value.ReferenceAnswers[question];
        return source[..source.IndexOf("/// <summary>Trains", StringComparison.Ordinal)];
    }

    private static double Number(string message, string after)
    {
        int start = message.IndexOf(after, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{after}' not in: {message}");
        string rest = message[(start + after.Length)..];
        return double.Parse(rest[..rest.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
    }
}
