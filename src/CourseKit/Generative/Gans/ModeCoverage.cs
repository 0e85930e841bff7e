using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Gans;

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
