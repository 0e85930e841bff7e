using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>Mirrors left↔right with probability <c>P</c> (the augmentation lecture: "flipping").</summary>
/// <param name="P">Probability of flipping (1 = always).</param>
public sealed class HorizontalFlip(double P = 0.5) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(HorizontalFlip));
        return random.NextDouble() < P ? image.flip(2) : image.clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"HorizontalFlip(p={P})";
}
