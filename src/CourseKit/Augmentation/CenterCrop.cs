using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>Cuts the central Height×Width window (the deterministic crop used at test time).</summary>
/// <param name="Height">Crop height.</param>
/// <param name="Width">Crop width.</param>
public sealed class CenterCrop(int Height, int Width) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(CenterCrop));
        long h = image.shape[1], w = image.shape[2];
        if (Height > h || Width > w) throw new ArgumentException($"CenterCrop of {Height}×{Width} does not fit a {h}×{w} image");
        long top = (h - Height) / 2, left = (w - Width) / 2;
        return image[.., (int)top..(int)(top + Height), (int)left..(int)(left + Width)].clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"CenterCrop({Height}×{Width})";
}
