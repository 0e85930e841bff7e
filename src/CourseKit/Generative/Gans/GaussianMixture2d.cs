using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Gans;

/// <summary>
/// A mixture of equally likely 2-D Gaussians with one shared σ: the toy data on which GAN mode collapse is measured
/// (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al. 2018).
/// </summary>
/// <param name="Name">"ring of 8", "grid of 25", ….</param>
/// <param name="Modes">The means, one row per mode.</param>
/// <param name="Sigma">The standard deviation of every component.</param>
public sealed record GaussianMixture2d(string Name, double[][] Modes, double Sigma)
{
    /// <summary>PacGAN's 2D-ring: <paramref name="count"/> modes evenly on a circle of radius 1, σ = 0.01.</summary>
    public static GaussianMixture2d Ring(int count = 8, double radius = 1, double sigma = 0.01) =>
        new($"ring of {count}", Enumerable.Range(0, count)
            .Select(i => new[] { radius * Math.Cos(2 * Math.PI * i / count), radius * Math.Sin(2 * Math.PI * i / count) })
            .ToArray(), sigma);

    /// <summary>PacGAN's 2D-grid: a <paramref name="side"/>×<paramref name="side"/> grid with means at −4, −2, 0, 2, 4, σ = 0.05.</summary>
    public static GaussianMixture2d Grid(int side = 5, double spacing = 2, double sigma = 0.05) =>
        new($"grid of {side * side}", (from i in Enumerable.Range(0, side)
                                        from j in Enumerable.Range(0, side)
                                        select new[] { (i - (side - 1) / 2.0) * spacing, (j - (side - 1) / 2.0) * spacing }).ToArray(), sigma);

    /// <summary>The modes as a K×2 float32 tensor.</summary>
    public Tensor Means() => tensor(Modes.SelectMany(m => m).Select(v => (float)v).ToArray(), [Modes.Length, 2]);

    /// <summary><paramref name="count"/> samples (N×2) and the mode each came from (N, int64).</summary>
    public (Tensor Points, Tensor Modes) Sample(int count)
    {
        using var means = Means();
        var mode = randint(0, Modes.Length, [count], dtype: int64);
        var points = means.index_select(0, mode) + Sigma * randn(count, 2);
        return (points, mode);
    }
}

/// <summary>
/// How well samples cover a <see cref="GaussianMixture2d"/> (PacGAN's metrics): a sample is high-quality when it lies
/// within 3σ of its nearest mode; a mode is covered when at least <see cref="MinimumPerMode"/> high-quality samples
/// fall on it (20 of PacGAN's 2,500 samples).
/// </summary>
/// <param name="ModesCovered">Modes with at least <see cref="MinimumPerMode"/> high-quality samples.</param>
/// <param name="ModeCount">Modes in the mixture.</param>
/// <param name="HighQualityFraction">Fraction of samples within 3σ of a mode.</param>
/// <param name="SamplesPerMode">High-quality samples on each mode.</param>
/// <param name="MinimumPerMode">The covering threshold used.</param>
public sealed record ModeCoverage(int ModesCovered, int ModeCount, double HighQualityFraction, int[] SamplesPerMode, int MinimumPerMode)
{
    /// <summary>Measures <paramref name="samples"/> (N×2) against <paramref name="mixture"/>.</summary>
    public static ModeCoverage Measure(Tensor samples, GaussianMixture2d mixture, int minimumPerMode = 20)
    {
        if (samples.dim() != 2 || samples.shape[1] != 2)
            throw new ArgumentException($"samples must be N×2 points, not {ShapeText.Of(samples)}");
        using var scope = NewDisposeScope();
        using var means = mixture.Means();
        var distances = cdist(samples.to_type(float32), means);            // N×K
        var (nearest, mode) = distances.min(1);
        var highQuality = nearest.le(3 * mixture.Sigma);
        var perMode = new int[mixture.Modes.Length];
        var modes = mode.data<long>().ToArray();
        var good = highQuality.data<bool>().ToArray();
        for (int i = 0; i < modes.Length; i++)
            if (good[i]) perMode[modes[i]]++;
        return new ModeCoverage(perMode.Count(c => c >= minimumPerMode), perMode.Length,
            good.Count(g => g) / (double)good.Length, perMode, minimumPerMode);
    }

    /// <summary>"8/8 modes, 95.6% high quality".</summary>
    public override string ToString() => $"{ModesCovered}/{ModeCount} modes, {100 * HighQualityFraction:F1}% high quality";
}
