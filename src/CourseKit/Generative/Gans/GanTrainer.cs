using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// Trains a generator G and a discriminator D with the alternating algorithm of the GAN lecture (Goodfellow et al. 2014,
/// Algorithm 1): for each generator step, k discriminator steps on fresh real and generated minibatches, then one
/// generator step. Works for unconditional models (<c>Module&lt;Tensor, Tensor&gt;</c>: G(z), D(x)) and
/// class-conditional ones (<c>Module&lt;Tensor, Tensor, Tensor&gt;</c>: G(z, y), D(x, y)), and for every
/// <see cref="GanObjective"/>. Each step runs in its own dispose scope, so memory does not grow with training.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private readonly Func<Tensor, Tensor?, Tensor> generate;
    private readonly Func<Tensor, Tensor?, Tensor> discriminate;
    private readonly nn.Module generatorModule;
    private readonly nn.Module discriminatorModule;
    private readonly optim.Optimizer generatorOptimizer;
    private readonly optim.Optimizer discriminatorOptimizer;
    private readonly bool conditional;

    /// <summary>A trainer for an unconditional pair: <paramref name="generator"/> maps N×LatentSize noise to examples,
    /// <paramref name="discriminator"/> maps (packed) examples to N×1 scores.</summary>
    public GanTrainer(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, GanSettings settings)
        : this(generator, discriminator, (z, _) => generator.forward(z), (x, _) => discriminator.forward(x), settings, conditional: false)
    {
    }

    /// <summary>A trainer for a class-conditional pair: G(z, y) and D(x, y), y the int64 class labels.</summary>
    public GanTrainer(nn.Module<Tensor, Tensor, Tensor> generator, nn.Module<Tensor, Tensor, Tensor> discriminator, GanSettings settings)
        : this(generator, discriminator, (z, y) => generator.forward(z, Labels(y)), (x, y) => discriminator.forward(x, Labels(y)), settings, conditional: true)
    {
    }

    private GanTrainer(nn.Module generator, nn.Module discriminator, Func<Tensor, Tensor?, Tensor> generate,
        Func<Tensor, Tensor?, Tensor> discriminate, GanSettings settings, bool conditional)
    {
        if (settings.DiscriminatorSteps < 1) throw new ArgumentException($"k = DiscriminatorSteps must be at least 1, not {settings.DiscriminatorSteps}");
        if (settings.Pack < 1) throw new ArgumentException($"Pack must be at least 1 (1 = no packing), not {settings.Pack}");
        if (conditional && settings.Pack > 1) throw new ArgumentException("packing (Pack > 1) is for unconditional GANs; use Pack = 1 with a conditional pair");
        if (settings.LatentSize < 1) throw new ArgumentException($"LatentSize must be positive, not {settings.LatentSize}");
        Settings = settings;
        generatorModule = generator;
        discriminatorModule = discriminator;
        this.generate = generate;
        this.discriminate = discriminate;
        this.conditional = conditional;
        generatorOptimizer = optim.Adam(generator.parameters(), settings.GeneratorLearningRate, settings.Beta1, settings.Beta2);
        discriminatorOptimizer = optim.Adam(discriminator.parameters(), settings.DiscriminatorLearningRate, settings.Beta1, settings.Beta2);
    }

    /// <summary>The settings the trainer was made with.</summary>
    public GanSettings Settings { get; }

    /// <summary>Generator steps taken so far.</summary>
    public int StepsTaken { get; private set; }

    /// <summary>
    /// Trains for <paramref name="generatorSteps"/> generator steps, drawing k real minibatches per step from
    /// <paramref name="realBatches"/> (an endless stream: see <see cref="GanData"/>). Reports every step.
    /// </summary>
    /// <param name="realBatches">(examples, labels) minibatches; the labels are used only by conditional models.</param>
    /// <param name="generatorSteps">How many generator updates to make.</param>
    /// <param name="progress">Receives every step's numbers.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>Every step's numbers.</returns>
    public IReadOnlyList<GanStep> Train(IEnumerable<(Tensor Inputs, Tensor Targets)> realBatches, int generatorSteps,
        IProgress<GanStep>? progress = null, CancellationToken cancellationToken = default)
    {
        var history = new List<GanStep>(generatorSteps);
        using var batches = realBatches.GetEnumerator();
        for (int i = 0; i < generatorSteps; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = Step(batches);
            history.Add(step);
            progress?.Report(step);
        }
        return history;
    }

    /// <summary>One generator step preceded by k discriminator steps, each on a new real minibatch from <paramref name="batches"/>.</summary>
    public GanStep Step(IEnumerator<(Tensor Inputs, Tensor Targets)> batches)
    {
        generatorModule.train();
        discriminatorModule.train();
        (double dLoss, double realScore, double fakeScore, long batchSize) = (0, 0, 0, 0);
        for (int k = 0; k < Settings.DiscriminatorSteps; k++)
            (dLoss, realScore, fakeScore, batchSize) = DiscriminatorStep(batches);
        var (gLoss, gradientNorm) = GeneratorStep(batchSize);
        return new GanStep(StepsTaken++, dLoss, gLoss, realScore, fakeScore, gradientNorm);
    }

    // Ascend the discriminator's objective (descend its loss) on one real and one generated minibatch.
    private (double Loss, double RealScore, double FakeScore, long BatchSize) DiscriminatorStep(IEnumerator<(Tensor Inputs, Tensor Targets)> batches)
    {
        using var scope = NewDisposeScope();
        if (!batches.MoveNext()) throw new InvalidOperationException("the stream of real minibatches ended; pass an endless one (GanData.Forever)");
        var (real, labels) = batches.Current;
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
        discriminatorOptimizer.zero_grad();
        loss.backward();
        discriminatorOptimizer.step();
        return (loss.item<float>(), Score(realScores), Score(fakeScores), n);
    }

    // Descend the generator's loss through a frozen-in-place discriminator (its gradients are cleared before its own step).
    private (double Loss, double GradientNorm) GeneratorStep(long batchSize)
    {
        using var scope = NewDisposeScope();
        var labels = conditional ? randint(0, ConditionalClasses, [batchSize], dtype: int64) : zeros([batchSize], dtype: int64);
        var fake = generate(Latent(batchSize), conditional ? labels : null);
        var loss = GanLosses.GeneratorLoss(Settings.Objective, Discriminate(fake, labels));
        generatorOptimizer.zero_grad();
        loss.backward();
        double norm = GradientNorm(generatorModule);
        generatorOptimizer.step();
        return (loss.item<float>(), norm);
    }

    /// <summary>Multiplies both learning rates by <paramref name="factor"/> (e.g. 0.1 for a final, finer phase of training).</summary>
    public void ScaleLearningRates(double factor)
    {
        foreach (var optimizer in new[] { generatorOptimizer, discriminatorOptimizer })
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate *= factor;
    }

    /// <summary>The number of classes conditional models are trained with (labels for generator steps are drawn uniformly).</summary>
    public int ConditionalClasses { get; init; } = 10;

    /// <summary>
    /// <paramref name="count"/> samples G(z) with z ~ N(0, I), in evaluation mode and without gradients
    /// (for a conditional generator, <paramref name="labels"/> says which classes).
    /// </summary>
    public Tensor Sample(int count, Tensor? labels = null)
    {
        if (conditional && labels is null) throw new ArgumentException("a conditional generator needs the labels of the samples to draw");
        using var noGrad = no_grad();
        generatorModule.eval();
        var samples = generate(Latent(count), labels);
        generatorModule.train();
        return samples;
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

    private static double GradientNorm(nn.Module module)
    {
        double sum = 0;
        foreach (var p in module.parameters())
            if (p.grad is { } g) sum += g.square().sum().item<float>();
        return Math.Sqrt(sum);
    }

    private static Tensor Labels(Tensor? y) => y ?? throw new ArgumentException("a conditional GAN needs class labels");

    /// <inheritdoc/>
    public void Dispose()
    {
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
    }
}
