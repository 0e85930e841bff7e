using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Augmentation;

/// <summary>
/// Cut-out (DeVries and Taylor 2017): sets a Size×Size square at a random centre to 0 (the square is
/// clipped at the border), so the network cannot rely on any single part of the object.
/// </summary>
/// <param name="Size">Side of the square in pixels.</param>
public sealed class CutOut(int Size) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(CutOut));
        int h = (int)image.shape[1], w = (int)image.shape[2];
        int cy = random.Next(h), cx = random.Next(w);
        int top = Math.Max(0, cy - Size / 2), bottom = Math.Min(h, cy - Size / 2 + Size);
        int left = Math.Max(0, cx - Size / 2), right = Math.Min(w, cx - Size / 2 + Size);
        var result = image.clone();
        if (bottom > top && right > left) result[.., top..bottom, left..right] = 0;
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"CutOut({Size}×{Size})";
}
