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
