using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>Mirrors top↔bottom with probability <c>P</c>.</summary>
/// <param name="P">Probability of flipping (1 = always).</param>
public sealed class VerticalFlip(double P = 0.5) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(VerticalFlip));
        return random.NextDouble() < P ? image.flip(1) : image.clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"VerticalFlip(p={P})";
}
