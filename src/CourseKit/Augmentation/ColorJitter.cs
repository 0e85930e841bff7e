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
public sealed class ColorJitter(double Brightness = 0, double Contrast = 0, double Saturation = 0) : ImageTransform
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
