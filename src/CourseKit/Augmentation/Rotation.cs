using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>Rotates by a random angle in [−MaxDegrees, MaxDegrees] about the centre (the augmentation lecture: "rotation").</summary>
/// <param name="MaxDegrees">Largest rotation either way; counter-clockwise is positive.</param>
public sealed class Rotation(double MaxDegrees) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(Rotation));
        return Rotate(image, Uniform(random, -MaxDegrees, MaxDegrees));
    }

    /// <summary>Rotates <paramref name="image"/> (C×H×W) by exactly <paramref name="degrees"/> counter-clockwise.</summary>
    public static Tensor Rotate(Tensor image, double degrees) => AffineWarp.Warp(image, AffineWarp.Matrix(degrees, 1, 0), 0, 0);

    /// <inheritdoc/>
    public override string ToString() => $"Rotation(±{MaxDegrees}°)";
}
