using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>The toy GAN configurations compared in notebook 08 and by <c>coursekit train modes</c>.</summary>
public static class ToyGans
{
    /// <summary>Plain non-saturating GAN: D judges one sample at a time.</summary>
    public static readonly GanSettings Plain = new(GanObjective.NonSaturating, LatentSize: 2, GeneratorLearningRate: 1e-3, DiscriminatorLearningRate: 1e-3);

    /// <summary>PacGAN2: the same GAN, but D judges two samples at a time, which penalises a generator whose samples look alike.</summary>
    public static readonly GanSettings PacGan2 = Plain with { Pack = 2 };

    /// <summary>The configurations by name.</summary>
    public static IReadOnlyList<(string Name, GanSettings Settings)> Configurations { get; } =
        [("non-saturating GAN", Plain), ("PacGAN2 (packing m = 2)", PacGan2)];
}
