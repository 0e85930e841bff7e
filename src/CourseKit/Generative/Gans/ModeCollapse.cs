using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// Mode collapse, measured: trains small MLP GANs on a <see cref="GaussianMixture2d"/> and counts the modes their
/// samples cover, as in PacGAN's Table 1 (2,500 samples, 3σ rule).
/// </summary>
public static class ModeCollapse
{
    /// <summary>Samples drawn to measure coverage (PacGAN uses 2,500).</summary>
    public const int MeasuredSamples = 2500;

    /// <summary>
    /// Generator steps of the full-size benchmark (<c>coursekit train modes</c>): enough for PacGAN2 to settle its samples on
    /// the modes (8/8 modes, 95% high quality on the ring over five seeds; 4,000 steps leave it at 75%).
    /// </summary>
    public const int BenchmarkSteps = 16000;

    /// <summary>
    /// Trains an MLP GAN (hidden layers of <paramref name="hidden"/> units) on <paramref name="mixture"/> for
    /// <paramref name="steps"/> generator steps with seed <paramref name="seed"/>, then measures 2,500 samples.
    /// </summary>
    /// <remarks>The last quarter of the steps runs at a tenth of the learning rates, which sharpens the modes.</remarks>
    public static ToyGanRun Train(GaussianMixture2d mixture, GanSettings settings, int steps, int seed,
        int hidden = 128, int batchSize = 100, IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        manual_seed(seed);
        using var generator = new MlpGenerator(settings.LatentSize, [2], hidden, depth: 3, batchNorm: false);
        using var discriminator = new MlpDiscriminator(2 * settings.Pack, hidden, depth: 3);
        using var gan = new GanStep(generator, discriminator, settings);
        var trainer = new Trainer(gan);
        var data = GanData.Forever(n => mixture.Sample(n), batchSize * settings.Pack);
        int k = settings.DiscriminatorSteps, coarse = steps - steps / 4;
        // k batches per generator step; one report per generator step.
        trainer.Fit(data, coarse * k, reportEvery: k, progress, cancellationToken);
        gan.ScaleLearningRates(0.1);
        trainer.Fit(data, (steps - coarse) * k, reportEvery: k, progress, cancellationToken);
        using var samples = gan.Sample(MeasuredSamples);
        var points = samples.data<float>().ToArray();
        return new ToyGanRun(settings, seed, ModeCoverage.Measure(samples, mixture),
            Enumerable.Range(0, MeasuredSamples).Select(i => new[] { points[2 * i], points[2 * i + 1] }).ToArray());
    }
}
