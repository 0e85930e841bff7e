using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Augmentation;

/// <summary>
/// Cuts a Height×Width window at a random position (the augmentation lecture: "cropping"), after padding every side with
/// <c>Padding</c> zeros (the usual CIFAR/MNIST recipe: pad 2–4, crop back to the original size).
/// </summary>
/// <param name="Height">Crop height.</param>
/// <param name="Width">Crop width.</param>
/// <param name="Padding">Zeros added on every side before cropping.</param>
public sealed class RandomCrop(int Height, int Width, int Padding = 0) : ImageTransform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(RandomCrop));
        using var padded = Padding > 0 ? F.pad(image, new long[] { Padding, Padding, Padding, Padding }) : image.alias();
        long h = padded.shape[1], w = padded.shape[2];
        if (Height > h || Width > w)
            throw new ArgumentException($"RandomCrop of {Height}×{Width} does not fit a {h}×{w} image (after padding {Padding}); crop smaller or pad more");
        int top = random.Next((int)(h - Height) + 1), left = random.Next((int)(w - Width) + 1);
        return padded[.., top..(top + Height), left..(left + Width)].clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"RandomCrop({Height}×{Width}, padding {Padding})";
}
