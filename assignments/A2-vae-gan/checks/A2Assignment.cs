using CourseKit.Grading.Compilation;
using CourseKit.Data;
using CourseKit.Grading.Assignments;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Assignments.A2;

/// <summary>
/// Assignment 2 (lectures 06–08): the reparameterisation trick, the closed-form Gaussian KL, the negative ELBO, the
/// GAN discriminator and non-saturating generator losses, a VAE trained to a stated −ELBO and a GAN trained to a stated
/// Inception Score. Expected values are computed here, in the grading parent, by a different route than the one the
/// notebook asks for (σ from sqrt(exp), KL written per dimension, TorchSharp's BCE). The two training questions return
/// only their model's tensors; the parent loads them into its own copy of the architecture (<see cref="A2Models"/>) and
/// measures the −ELBO on test digits, and the Inception Score of samples it draws with its own seed.
/// </summary>
public sealed class A2Assignment : AssignmentDefinition
{
    /// <summary>MNIST training images TrainVae and TrainGenerator receive (the first of the training split).</summary>
    public const int TrainImages = 3000;

    /// <summary>MNIST test digits (the first of the test split, binarised with seed 0) the VAE's −ELBO is measured on.</summary>
    public const int TestImages = 1000;

    /// <summary>Test −ELBO (nats per image) that earns all of q5's main check; the reference reaches about 129, an untrained VAE 549.</summary>
    public const double RequiredNegativeElbo = 145;

    /// <summary>The looser −ELBO of q5's partial-credit check.</summary>
    public const double PartialNegativeElbo = 160;

    /// <summary>Samples the parent draws from the returned generator for the Inception Score.</summary>
    public const int Samples = 1000;

    /// <summary>
    /// Inception Score (the kit's MNIST classifier) that earns q6's main check; the reference reaches 3.9–4.3, an untrained
    /// generator 1.0, uniform noise 1.2, real test digits 9.2.
    /// </summary>
    public const double RequiredInceptionScore = 3.0;

    /// <summary>The looser Inception Score of q6's partial-credit check.</summary>
    public const double PartialInceptionScore = 2.5;

    /// <summary>Seed of ε when the parent measures the VAE's −ELBO.</summary>
    private const int ElboSeed = 5;

    /// <summary>Seed of z when the parent samples the generator.</summary>
    private const int SampleSeed = 6;

    /// <inheritdoc />
    public override string Id => "A2";

    /// <inheritdoc />
    public override string Title => "Assignment 2: VAE and GAN objectives";

    /// <inheritdoc />
    public override string FolderName => "A2-vae-gan";

    /// <inheritdoc />
    public override IReadOnlyList<Question> Questions { get; } =
    [
        // q1–q4 ask for formulas: tensor primitives only (q4 builds its losses from softplus), no loss function or
        // distribution that computes them; q5 and q6 train the kit's models, so they may use its generative and data code.
        new("q1", "the reparameterisation trick", Rules: AnswerRules.Primitives),
        new("q2", "the closed-form KL divergence to N(0, I)", ["kl_div", "KLDivLoss"], AnswerRules.Primitives),
        new("q3", "the negative ELBO of a Bernoulli VAE", Rules: AnswerRules.PrimitivesAnd("softplus", "logsigmoid")),
        new("q4", "discriminator and non-saturating generator losses", Rules: AnswerRules.PrimitivesAnd("softplus", "logsigmoid")),
        new("q5", "train a VAE to a stated −ELBO", Rules: new AnswerRules(KitNamespaces: ["CourseKit.Generative", "CourseKit.Data", "CourseKit.Training"])),
        new("q6", "train a GAN to a stated Inception Score", Rules: new AnswerRules(KitNamespaces: ["CourseKit.Generative", "CourseKit.Data", "CourseKit.Training"])),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<Check> Checks { get; } =
    [
        Reparameterize("q1.visible", "z = μ + σ ⊙ ε for a 4×3 batch", 2, Visibility.Visible, seed: 1, n: 4, d: 3),
        Reparameterize("q1.hidden", "a 16×8 batch with large log-variances", 1, Visibility.Hidden, seed: 101, n: 16, d: 8),
        Kl("q2.visible", "KL per sample for a 4×3 batch", 2, Visibility.Visible, seed: 2, n: 4, d: 3),
        Kl("q2.hidden", "KL per sample for a 10×20 batch", 1, Visibility.Hidden, seed: 102, n: 10, d: 20),
        Elbo("q3.visible", "−ELBO of a batch of 4 images of 6 pixels", 2, Visibility.Visible, seed: 3, n: 4, pixels: 6, latent: 2),
        Elbo("q3.hidden", "−ELBO of a batch of 8 images of 784 pixels", 1, Visibility.Hidden, seed: 103, n: 8, pixels: 784, latent: 16),
        GanLoss("q4.discriminator", "discriminator loss on 8 real and 8 fake logits", "DiscriminatorLoss", 1.5, Visibility.Visible, seed: 4, n: 8),
        GanLoss("q4.generator", "non-saturating generator loss on 8 fake logits", "GeneratorLoss", 1.5, Visibility.Visible, seed: 4, n: 8),
        GanLoss("q4.discriminator-hidden", "discriminator loss on confident logits (|logit| up to 40)", "DiscriminatorLoss", 0.5, Visibility.Hidden, seed: 104, n: 32, scale: 20),
        GanLoss("q4.generator-hidden", "generator loss on confident logits (|logit| up to 40)", "GeneratorLoss", 0.5, Visibility.Hidden, seed: 104, n: 32, scale: 20),
        // q5: TrainVae(images N×1×28×28) → the VAE's state_dict values; the parent measures the test −ELBO (partial credit: two thresholds)
        Vae("q5.elbo", $"the trained VAE's −ELBO on {TestImages} binarised MNIST test digits is at most {RequiredNegativeElbo} nats", 3, RequiredNegativeElbo, seed: 5),
        Vae("q5.elbo-partial", $"partial credit: −ELBO at most {PartialNegativeElbo} nats", 2, PartialNegativeElbo, seed: 5, sharesCallOf: "q5.elbo"),
        // q6: TrainGenerator(images N×1×28×28) → the generator's state_dict values; the parent samples it and measures the IS
        Gan("q6.inception-score", $"{Samples} samples of the trained generator reach an Inception Score of {RequiredInceptionScore}", 3, RequiredInceptionScore, seed: 6),
        Gan("q6.inception-score-partial", $"partial credit: an Inception Score of {PartialInceptionScore}", 2, PartialInceptionScore, seed: 6, sharesCallOf: "q6.inception-score"),
    ];

    private static Tensor Double(params long[] shape) => randn(shape, dtype: ScalarType.Float64);

    private static Check Reparameterize(string id, string title, double points, Visibility visibility, int seed, int n, int d) => new()
    {
        Id = id, Question = "q1", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () => new CheckInput("Reparameterize", [Double(n, d), Double(n, d) * 2, Double(n, d)]),
        Judge = (input, value) =>
        {
            var (mu, logvar, eps) = ((Tensor)input.Arguments[0]!, (Tensor)input.Arguments[1]!, (Tensor)input.Arguments[2]!);
            return Judge.Close(value, mu + logvar.exp().sqrt() * eps, 1e-9);
        },
    };

    private static Check Kl(string id, string title, double points, Visibility visibility, int seed, int n, int d) => new()
    {
        Id = id, Question = "q2", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () => new CheckInput("GaussianKl", [Double(n, d), Double(n, d)]),
        Judge = (input, value) =>
        {
            var (mu, logvar) = ((Tensor)input.Arguments[0]!, (Tensor)input.Arguments[1]!);
            // KL(N(μ, σ²) ‖ N(0, 1)) per dimension = −log σ + (σ² + μ²)/2 − 1/2, summed over dimensions.
            var sigma = (logvar / 2).exp();
            var perDimension = -sigma.log() + (sigma * sigma + mu * mu) / 2 - 0.5;
            return Judge.Close(value, perDimension.sum(1), 1e-9);
        },
    };

    private static Check Elbo(string id, string title, double points, Visibility visibility, int seed, int n, int pixels, int latent) => new()
    {
        Id = id, Question = "q3", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () => new CheckInput("NegativeElbo",
            [rand(n, pixels, dtype: ScalarType.Float64).round(), Double(n, pixels) * 3, Double(n, latent), Double(n, latent)]),
        Judge = (input, value) =>
        {
            var a = input.Arguments.Select(v => (Tensor)v!).ToArray();
            // −ELBO = E_q[−log p(x|z)] + KL(q(z|x) ‖ p(z)), averaged over the batch; the reconstruction term is the summed BCE.
            var reconstruction = F.binary_cross_entropy_with_logits(a[1], a[0], reduction: nn.Reduction.None).sum(1);
            var sigma = (a[3] / 2).exp();
            var kl = (-sigma.log() + (sigma * sigma + a[2] * a[2]) / 2 - 0.5).sum(1);
            return Judge.Close(value, (reconstruction + kl).mean(), 1e-9);
        },
    };

    private static Check GanLoss(string id, string title, string method, double points, Visibility visibility, int seed, int n, double scale = 2) => new()
    {
        Id = id, Question = "q4", Title = title, Points = points, Visibility = visibility, Seed = seed,
        Arrange = () => method == "DiscriminatorLoss"
            ? new CheckInput(method, [Double(n) * scale, Double(n) * scale])
            : new CheckInput(method, [Double(n) * scale]),
        Judge = (input, value) =>
        {
            var real = (Tensor)input.Arguments[0]!;
            Tensor expected = method == "DiscriminatorLoss"
                // D maximises log D(x) + log(1 − D(G(z))): BCE with target 1 on real logits plus target 0 on fake ones.
                ? F.binary_cross_entropy_with_logits(real, ones_like(real)) + F.binary_cross_entropy_with_logits((Tensor)input.Arguments[1]!, zeros_like(real))
                // Non-saturating G minimises −log D(G(z)): BCE with target 1 on the fake logits.
                : F.binary_cross_entropy_with_logits(real, ones_like(real));
            return Judge.Close(value, expected, 1e-9);
        },
    };

    // The partial-credit check judges the same trained model (SharesCallOf): the student's training runs once per question.
    private static Check Vae(string id, string title, double points, double threshold, int seed, string? sharesCallOf = null) => new()
    {
        Id = id, Question = "q5", Title = title, Points = points, Visibility = Visibility.Visible, Seed = seed, SharesCallOf = sharesCallOf,
        TimeLimit = TimeSpan.FromSeconds(60),
        Arrange = () => new CheckInput("TrainVae", [Mnist.Load(Split.Train, TrainImages).Inputs]),
        Judge = (_, value) =>
        {
            var vae = A2Models.Vae();
            if (LoadProblem(vae, value) is { } problem) return Verdict.Fail(problem);
            double negativeElbo = A2Models.TestNegativeElbo(vae, TestImages, ElboSeed);
            return Judge.AtMost(negativeElbo, threshold, "test −ELBO (nats)");
        },
    };

    private static Check Gan(string id, string title, double points, double threshold, int seed, string? sharesCallOf = null) => new()
    {
        Id = id, Question = "q6", Title = title, Points = points, Visibility = Visibility.Visible, Seed = seed, SharesCallOf = sharesCallOf,
        TimeLimit = TimeSpan.FromSeconds(90),
        Arrange = () => new CheckInput("TrainGenerator", [Mnist.Load(Split.Train, TrainImages).Inputs]),
        Judge = (_, value) =>
        {
            var generator = A2Models.Generator();
            if (LoadProblem(generator, value) is { } problem) return Verdict.Fail(problem);
            double score = A2Models.InceptionScore(generator, Samples, SampleSeed);
            return Judge.AtLeast(score, threshold, $"Inception Score of {Samples} samples");
        },
    };

    /// <summary>Loads the returned tensors into the parent's model; null, or why they do not fit the architecture.</summary>
    private static string? LoadProblem(nn.Module model, object? value)
    {
        try
        {
            ModelState.Load(model, value);
            return null;
        }
        catch (ArgumentException e)
        {
            return "the returned tensors do not fit the architecture: " + e.Message;
        }
    }
}
