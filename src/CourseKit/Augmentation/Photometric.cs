using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Augmentation;

/// <summary>
/// Random colour changes: brightness ×b, contrast (blend with the mean grey level) and saturation (blend with
/// the grey image, RGB only), with b, c, s drawn from [1 − amount, 1 + amount]. Results are clamped to [0, 1].
/// </summary>
/// <param name="Brightness">Largest relative brightness change.</param>
/// <param name="Contrast">Largest relative contrast change.</param>
/// <param name="Saturation">Largest relative saturation change (ignored for 1-channel images).</param>
public sealed class ColorJitter(double Brightness = 0, double Contrast = 0, double Saturation = 0) : Transform
{
    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        RequireImage(image, nameof(ColorJitter));
        using var scope = NewDisposeScope();
        double b = Uniform(random, 1 - Brightness, 1 + Brightness);
        double c = Uniform(random, 1 - Contrast, 1 + Contrast);
        double s = Uniform(random, 1 - Saturation, 1 + Saturation);
        var x = (image * b).clamp(0, 1);
        var mean = Grey(x).mean();
        x = (mean + c * (x - mean)).clamp(0, 1);
        if (image.shape[0] == 3)
        {
            var grey = Grey(x);
            x = (grey + s * (x - grey)).clamp(0, 1);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Luma 0.299 R + 0.587 G + 0.114 B as 1×H×W (the image itself if it has one channel).</summary>
    private static Tensor Grey(Tensor image) =>
        image.shape[0] == 1 ? image : (0.299 * image[0] + 0.587 * image[1] + 0.114 * image[2]).unsqueeze(0);

    /// <inheritdoc/>
    public override string ToString() => $"ColorJitter(brightness {Brightness}, contrast {Contrast}, saturation {Saturation})";
}

/// <summary>Adds Gaussian noise N(0, Std²) to every pixel and clamps to [0, 1].</summary>
/// <param name="Std">Standard deviation of the noise.</param>
public sealed class GaussianNoise(double Std) : Transform
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

/// <summary>
/// Cut-out (DeVries and Taylor 2017): sets a Size×Size square at a random centre to 0 (the square is
/// clipped at the border), so the network cannot rely on any single part of the object.
/// </summary>
/// <param name="Size">Side of the square in pixels.</param>
public sealed class CutOut(int Size) : Transform
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
