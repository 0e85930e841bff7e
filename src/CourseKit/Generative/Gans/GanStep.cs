using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// The <see cref="Trainer"/>'s step for a GAN, the alternating algorithm of the GAN lecture (Goodfellow et al. 2014,
/// "Generative Adversarial Nets", Algorithm 1): every batch of real examples gets a discriminator step, and every k-th
/// batch is followed by a generator step, so each generator step comes after k discriminator steps on consecutive real
/// minibatches. Works for unconditional pairs (<c>Module&lt;Tensor, Tensor&gt;</c>: G(z), D(x)) and class-conditional
/// ones (<c>Module&lt;Tensor, Tensor, Tensor&gt;</c>: G(z, y), D(x, y)), and for every <see cref="GanObjective"/>.
/// It owns the two Adam optimizers, so dispose it after training.
/// </summary>
/// <example>
/// <code>
/// var ring = CourseKit.Generative.Gans.GaussianMixture2d.Ring();
/// var gan = new GanStep(new MlpGenerator(2, [2]), new MlpDiscriminator(2), new GanSettings(LatentSize: 2));
/// var history = new Trainer(gan).Fit(GanData.Forever(n => ring.Sample(n), 100), steps: 200, progress: new TerminalProgress(200));
/// var samples = gan.Sample(500);
/// gan.Dispose();   // its two optimizers
/// </code>
/// </example>
public sealed class GanStep : TrainingStep, IDisposable
{
    /// <summary>The discriminator's (critic's) loss, including the gradient penalty.</summary>
    public const string DiscriminatorLoss = "D loss";

    /// <summary>The generator's loss (reported on the batches that end with a generator step).</summary>
    public const string GeneratorLoss = "G loss";

    /// <summary>Mean D(x) on real examples (a probability for the logistic games, a score otherwise).</summary>
    public const string RealScore = "D(x)";

    /// <summary>Mean D(G(z)) on generated examples, before the generator's update.</summary>
    public const string FakeScore = "D(G(z))";

    /// <summary>‖∂loss_G/∂θ_G‖₂: how much the generator is told to change.</summary>
    public const string GeneratorGradientNorm = "|grad G|";

    private readonly Func<Tensor, Tensor?, Tensor> generate;
    private readonly Func<Tensor, Tensor?, Tensor> discriminate;
    private readonly optim.Optimizer generatorOptimizer;
    private readonly optim.Optimizer discriminatorOptimizer;
    private readonly bool conditional;
    private int discriminatorStepsTaken;

    /// <summary>A step for an unconditional pair: <paramref name="generator"/> maps N×LatentSize noise to examples,
    /// <paramref name="discriminator"/> maps (packed) examples to N×1 scores.</summary>
    public GanStep(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, GanSettings settings)
        : this(generator, discriminator, (z, _) => generator.forward(z), (x, _) => discriminator.forward(x), settings, conditional: false)
    {
    }

    /// <summary>A step for a class-conditional pair: G(z, y) and D(x, y), y the int64 class labels.</summary>
    public GanStep(nn.Module<Tensor, Tensor, Tensor> generator, nn.Module<Tensor, Tensor, Tensor> discriminator, GanSettings settings)
        : this(generator, discriminator, (z, y) => generator.forward(z, Labels(y)), (x, y) => discriminator.forward(x, Labels(y)), settings, conditional: true)
    {
    }

    private GanStep(nn.Module generator, nn.Module discriminator, Func<Tensor, Tensor?, Tensor> generate,
        Func<Tensor, Tensor?, Tensor> discriminate, GanSettings settings, bool conditional)
    {
        if (settings.DiscriminatorSteps < 1) throw new ArgumentException($"k = DiscriminatorSteps must be at least 1, not {settings.DiscriminatorSteps}");
        if (settings.Pack < 1) throw new ArgumentException($"Pack must be at least 1 (1 = no packing), not {settings.Pack}");
        if (conditional && settings.Pack > 1) throw new ArgumentException("packing (Pack > 1) is for unconditional GANs; use Pack = 1 with a conditional pair");
        if (settings.LatentSize < 1) throw new ArgumentException($"LatentSize must be positive, not {settings.LatentSize}");
        Settings = settings;
        Model = new GanPair(generator, discriminator);
        this.generate = generate;
        this.discriminate = discriminate;
        this.conditional = conditional;
        generatorOptimizer = optim.Adam(generator.parameters(), settings.GeneratorLearningRate, settings.Beta1, settings.Beta2);
        discriminatorOptimizer = optim.Adam(discriminator.parameters(), settings.DiscriminatorLearningRate, settings.Beta1, settings.Beta2);
    }

    /// <summary>The settings the step was made with.</summary>
    public GanSettings Settings { get; }

    /// <summary>The generator and the discriminator, as one module.</summary>
    public override GanPair Model { get; }

    /// <summary>The generator's learning rate.</summary>
    public override double LearningRate => FirstLearningRate(generatorOptimizer);

    /// <summary>Generator steps taken so far.</summary>
    public int GeneratorStepsTaken { get; private set; }

    /// <summary>The number of classes conditional models are trained with (labels for generator steps are drawn uniformly).</summary>
    public int ConditionalClasses { get; init; } = 10;

    /// <summary>
    /// A discriminator step on the real minibatch (<paramref name="inputs"/>, <paramref name="targets"/>); after every
    /// k-th one, a generator step on as many generated examples. The labels are used only by conditional models.
    /// </summary>
    public override IReadOnlyDictionary<string, double> Train(Tensor inputs, Tensor targets)
    {
        var metrics = DiscriminatorStep(inputs, targets, out long batchSize);
        if (++discriminatorStepsTaken % Settings.DiscriminatorSteps == 0)
        {
            var (loss, gradientNorm) = GeneratorStep(batchSize);
            metrics[GeneratorLoss] = loss;
            metrics[GeneratorGradientNorm] = gradientNorm;
            GeneratorStepsTaken++;
        }
        return metrics;
    }

    /// <summary>A GAN has no validation loss to watch; judge its samples instead (see <see cref="Metrics.SampleQuality"/>).</summary>
    public override IReadOnlyDictionary<string, double> Validate(Tensor inputs, Tensor targets) =>
        throw new NotSupportedException("a GAN has no validation loss; train without validation batches and judge the samples (SampleQuality)");

    /// <summary>False: a GAN has no validation loss, so the Trainer takes no validation batches with this step.</summary>
    public override bool CanValidate => false;

    // Ascend the discriminator's objective (descend its loss) on one real and one generated minibatch.
    private Dictionary<string, double> DiscriminatorStep(Tensor real, Tensor labels, out long batchSize)
    {
        long n = real.shape[0] - real.shape[0] % Settings.Pack;
        if (n == 0) throw new ArgumentException($"a minibatch of {real.shape[0]} examples cannot be packed in groups of {Settings.Pack}");
        real = real.narrow(0, 0, n);
        labels = labels.narrow(0, 0, n);
        Tensor fake;
        using (no_grad()) fake = generate(Latent(n), conditional ? labels : null);
        var realScores = Discriminate(real, labels);
        var fakeScores = Discriminate(fake, labels);
        var loss = GanLosses.DiscriminatorLoss(Settings.Objective, realScores, fakeScores);
        if (Settings.Objective == GanObjective.Wasserstein)
            loss = loss + Settings.GradientPenaltyWeight * GanLosses.GradientPenalty(x => Discriminate(x, labels), real, fake);
        Update(discriminatorOptimizer, loss, Model.Discriminator);
        batchSize = n;
        return new Dictionary<string, double>
        {
            [DiscriminatorLoss] = loss.item<float>(),
            [RealScore] = Score(realScores),
            [FakeScore] = Score(fakeScores),
        };
    }

    // Descend the generator's loss through the discriminator (D's gradients from this pass are cleared before its own next step).
    private (double Loss, double GradientNorm) GeneratorStep(long batchSize)
    {
        var labels = conditional ? randint(0, ConditionalClasses, [batchSize], dtype: int64) : zeros([batchSize], dtype: int64);
        var fake = generate(Latent(batchSize), conditional ? labels : null);
        var loss = GanLosses.GeneratorLoss(Settings.Objective, Discriminate(fake, labels));
        Update(generatorOptimizer, loss, Model.Generator);
        return (loss.item<float>(), GradientNorm.Of(Model.Generator));
    }

    /// <summary>Multiplies both learning rates by <paramref name="factor"/> (e.g. 0.1 for a final, finer phase of training).</summary>
    public void ScaleLearningRates(double factor)
    {
        foreach (var optimizer in new[] { generatorOptimizer, discriminatorOptimizer })
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate *= factor;
    }

    /// <summary>
    /// <paramref name="count"/> samples G(z) with z ~ N(0, I), in evaluation mode and without gradients; the generator
    /// gets back the mode it had (for a conditional generator, <paramref name="labels"/> says which classes).
    /// </summary>
    public Tensor Sample(int count, Tensor? labels = null)
    {
        if (conditional && labels is null) throw new ArgumentException("a conditional generator needs the labels of the samples to draw");
        using var noGrad = no_grad();
        using var mode = EvaluationMode.Of(Model.Generator);
        return generate(Latent(count), labels);
    }

    /// <summary>z ~ N(0, I), <paramref name="count"/>×LatentSize.</summary>
    public Tensor Latent(long count) => randn(count, Settings.LatentSize);

    // PacGAN: the discriminator sees m consecutive examples side by side (features or channels concatenated).
    private Tensor Discriminate(Tensor examples, Tensor labels)
    {
        if (Settings.Pack == 1) return discriminate(examples, conditional ? labels : null);
        var shape = examples.shape.ToArray();
        shape[0] /= Settings.Pack;
        shape[1] *= Settings.Pack;
        return discriminate(examples.reshape(shape), null);
    }

    private double Score(Tensor scores)
    {
        using var noGrad = no_grad();
        var shown = Settings.Objective is GanObjective.Minimax or GanObjective.NonSaturating ? scores.sigmoid() : scores;
        return shown.mean().item<float>();
    }

    private static Tensor Labels(Tensor? y) => y ?? throw new ArgumentException("a conditional GAN needs class labels");

    /// <inheritdoc/>
    public void Dispose()
    {
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
    }
}
