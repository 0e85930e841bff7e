using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>
/// A random affine warp about the image centre: rotation by an angle in [−MaxDegrees, MaxDegrees]
/// (counter-clockwise as displayed), translation by up to MaxShift of the size, scaling in [MinScale, MaxScale]
/// and shear up to MaxShearDegrees. Pixels that come from outside the image are 0.
/// </summary>
/// <param name="MaxDegrees">Largest rotation either way.</param>
/// <param name="MaxShift">Largest shift as a fraction of width/height.</param>
/// <param name="MinScale">Smallest zoom factor.</param>
/// <param name="MaxScale">Largest zoom factor.</param>
/// <param name="MaxShearDegrees">Largest horizontal shear either way.</param>
public sealed class Affine(double MaxDegrees = 0, double MaxShift = 0, double MinScale = 1, double MaxScale = 1, double MaxShearDegrees = 0) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(Affine));
        double angle = Uniform(random, -MaxDegrees, MaxDegrees);
        double scale = Uniform(random, MinScale, MaxScale);
        double shear = Uniform(random, -MaxShearDegrees, MaxShearDegrees);
        double shiftX = Uniform(random, -MaxShift, MaxShift) * image.shape[2];
        double shiftY = Uniform(random, -MaxShift, MaxShift) * image.shape[1];
        return AffineWarp.Warp(image, AffineWarp.Matrix(angle, scale, shear), shiftX, shiftY);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Affine(±{MaxDegrees}°, shift ±{MaxShift}, scale {MinScale}–{MaxScale}, shear ±{MaxShearDegrees}°)";
}
