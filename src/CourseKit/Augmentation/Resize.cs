using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>Resizes every image to Height×Width with bilinear interpolation (the augmentation lecture: "resizing").</summary>
/// <param name="Height">Output height in pixels.</param>
/// <param name="Width">Output width in pixels.</param>
public sealed class Resize(int Height, int Width) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(Resize));
        if (Height <= 0 || Width <= 0) throw new ArgumentException($"Resize needs a positive size, got {Height}×{Width}");
        using var batch = image.unsqueeze(0);
        using var resized = F.interpolate(batch, new long[] { Height, Width }, mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.squeeze(0);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Resize({Height}×{Width})";
}
