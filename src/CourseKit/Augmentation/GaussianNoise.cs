using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Augmentation;

/// <summary>Adds Gaussian noise N(0, Std²) to every pixel and clamps to [0, 1].</summary>
/// <param name="Std">Standard deviation of the noise.</param>
public sealed class GaussianNoise(double Std) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(GaussianNoise));
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)random.NextInt64(long.MaxValue));
        var noise = randn(image.shape, dtype: image.dtype, generator: generator);
        return (image + Std * noise).clamp(0, 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override string ToString() => $"GaussianNoise(σ={Std})";
}
