using CourseKit.Data;
using CourseKit.Generative.Gans;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class GanStepTests
{
    // Counts the real minibatches the trainer asks for.
    private sealed class CountingStream(GaussianMixture2d mixture, int batchSize)
    {
        public int Drawn;
        public IEnumerable<(Tensor, Tensor)> Batches()
        {
            while (true) { Drawn++; yield return mixture.Sample(batchSize); }
        }
    }

    private static (MlpGenerator G, MlpDiscriminator D) SmallPair(int latent = 2, int pack = 1) =>
        (new MlpGenerator(latent, [2], hidden: 16, depth: 2), new MlpDiscriminator(2 * pack, hidden: 16, depth: 2));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Each_generator_step_follows_k_discriminator_steps_on_fresh_batches(int k)
    {
        manual_seed(1);
        var (g, d) = SmallPair();
        using var gan = new GanStep(g, d, new GanSettings(LatentSize: 2, DiscriminatorSteps: k));
        var stream = new CountingStream(GaussianMixture2d.Ring(), 32);
        var history = new Trainer(gan).Fit(stream.Batches(), steps: 5 * k, reportEvery: k);
        Assert.Equal(5, history.Epochs.Count);
        Assert.Equal(5 * k, stream.Drawn);
        Assert.Equal(5, gan.GeneratorStepsTaken);
        Assert.Equal([1, 2, 3, 4, 5], history.Epochs.Select(e => e.Epoch));
        Assert.All(history.Epochs, e => Assert.True(e.Train.ContainsKey(GanStep.GeneratorLoss) && e.Train.ContainsKey(GanStep.DiscriminatorLoss)));
    }

    [Fact]
    public void Training_does_not_leak_tensors()
    {
        manual_seed(2);
        var (g, d) = SmallPair(pack: 2);
        foreach (var objective in Enum.GetValues<GanObjective>())
        {
            using var gan = new GanStep(g, d, new GanSettings(objective, LatentSize: 2, DiscriminatorSteps: 2, Pack: 2));
            var trainer = new Trainer(gan);
            var mixture = GaussianMixture2d.Grid();
            trainer.Fit(GanData.Forever(n => mixture.Sample(n), 64), 3);   // warm-up: optimiser state is allocated once
            long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            trainer.Fit(GanData.Forever(n => mixture.Sample(n), 64), 20);
            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }

    [Fact]
    public void A_gan_learns_a_single_gaussian()
    {
        // one mode at (1, 0) with σ = 0.05: after 400 steps the samples sit on it
        manual_seed(3);
        var target = new GaussianMixture2d("one", [[1.0, 0.0]], 0.05);
        var (g, d) = SmallPair();
        using var gan = new GanStep(g, d, new GanSettings(LatentSize: 2, GeneratorLearningRate: 2e-3, DiscriminatorLearningRate: 2e-3));
        var history = new Trainer(gan).Fit(GanData.Forever(n => target.Sample(n), 64), 400);
        using var samples = gan.Sample(500);
        var mean = samples.mean([0]).data<float>().ToArray();
        Assert.InRange(mean[0], 0.85, 1.15);
        Assert.InRange(mean[1], -0.15, 0.15);
        // at the equilibrium the discriminator can no longer tell: D(x) and D(G(z)) both near ½
        Assert.InRange(history.Series(GanStep.RealScore).TakeLast(50).Average(), 0.3, 0.7);
        Assert.InRange(history.Series(GanStep.FakeScore).TakeLast(50).Average(), 0.3, 0.7);
    }

    [Fact]
    public void Cancellation_stops_training_between_steps_like_any_other_model()
    {
        var (g, d) = SmallPair();
        using var gan = new GanStep(g, d, new GanSettings(LatentSize: 2));
        using var cancel = new CancellationTokenSource();
        var mixture = GaussianMixture2d.Ring();
        var reporter = new ProgressCallback<EpochMetrics>(e => { if (e.Epoch == 3) cancel.Cancel(); });
        var history = new Trainer(gan).Fit(GanData.Forever(n => mixture.Sample(n), 16), 100, progress: reporter, cancellationToken: cancel.Token);
        Assert.True(history.Cancelled);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(3, gan.GeneratorStepsTaken);
    }

    [Fact]
    public void Both_players_get_back_their_mode_after_training_and_sampling()
    {
        var (g, d) = SmallPair();
        using var gan = new GanStep(g, d, new GanSettings(LatentSize: 2));
        var mixture = GaussianMixture2d.Ring();
        gan.Model.eval();
        new Trainer(gan).Fit(GanData.Forever(n => mixture.Sample(n), 16), 2);
        Assert.False(g.training || d.training);
        gan.Model.train();
        using var samples = gan.Sample(4);
        Assert.True(g.training && d.training);
    }

    [Fact]
    public void Validation_batches_are_refused_before_any_step()
    {
        // A GAN has no validation loss: the Trainer says so at once instead of after a whole epoch of training.
        manual_seed(3);
        var (g, d) = SmallPair();
        using var gan = new GanStep(g, d, new GanSettings(LatentSize: 2));
        var mixture = GaussianMixture2d.Ring();
        BatchLoader Loader() => new(new InMemoryDataset(mixture.Sample(8).Points, zeros(8, dtype: int64)), 8);
        float before = d.parameters().First().sum().item<float>();

        var error = Assert.Throws<ArgumentException>(() => new Trainer(gan).Fit(Loader(), Loader(), epochs: 2));

        Assert.Contains("GanStep has no validation loss", error.Message);
        Assert.Equal("validation", error.ParamName);
        Assert.Equal(0, gan.GeneratorStepsTaken);
        Assert.Equal(before, d.parameters().First().sum().item<float>());
        Assert.False(gan.CanValidate);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        var (g, d) = SmallPair();
        Assert.Contains("DiscriminatorSteps", Assert.Throws<ArgumentException>(() => new GanStep(g, d, new GanSettings(DiscriminatorSteps: 0))).Message);
        Assert.Contains("Pack", Assert.Throws<ArgumentException>(() => new GanStep(g, d, new GanSettings(Pack: 0))).Message);
    }
}

public class ModeCoverageTests
{
    [Fact]
    public void Samples_of_the_mixture_itself_cover_every_mode_and_are_99_7_percent_high_quality()
    {
        // within 3σ in 2-D: P(χ²₂ ≤ 9) = 1 − e^{−4.5} = 0.98889
        manual_seed(4);
        foreach (var mixture in new[] { GaussianMixture2d.Ring(), GaussianMixture2d.Grid() })
        {
            var (points, _) = mixture.Sample(20000);
            var coverage = ModeCoverage.Measure(points, mixture);
            Assert.Equal(mixture.Modes.Length, coverage.ModesCovered);
            Assert.Equal(1 - Math.Exp(-4.5), coverage.HighQualityFraction, 2);
        }
    }

    [Fact]
    public void A_collapsed_generator_covers_one_mode()
    {
        var ring = GaussianMixture2d.Ring();
        var collapsed = tensor(new float[] { 1, 0 }).expand(2500, 2) + 0.005 * randn(2500, 2);
        var coverage = ModeCoverage.Measure(collapsed, ring);
        Assert.Equal(1, coverage.ModesCovered);
        Assert.Equal(1.0, coverage.HighQualityFraction);
        Assert.Equal(2500, coverage.SamplesPerMode[0]);
        // points between modes are covered by nothing
        var between = ModeCoverage.Measure(zeros(100, 2), ring);
        Assert.Equal((0, 0.0), (between.ModesCovered, between.HighQualityFraction));
    }

    [Fact]
    public void The_ring_and_grid_are_PacGANs()
    {
        var ring = GaussianMixture2d.Ring();
        Assert.Equal(8, ring.Modes.Length);
        Assert.All(ring.Modes, m => Assert.Equal(1.0, Math.Sqrt(m[0] * m[0] + m[1] * m[1]), 12));
        var grid = GaussianMixture2d.Grid();
        Assert.Equal(25, grid.Modes.Length);
        Assert.Equal(new[] { -4.0, -2, 0, 2, 4 }, grid.Modes.Select(m => m[0]).Distinct().Order());
    }
}
