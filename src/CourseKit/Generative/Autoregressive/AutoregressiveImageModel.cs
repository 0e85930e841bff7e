using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// A network that maps binary images N×1×H×W to one Bernoulli logit per pixel, logitᵢ depending only on the pixels
/// before i in raster order, so that p(x) = ∏ᵢ Bernoulli(xᵢ; σ(logitᵢ)): what <see cref="PixelCnn"/> and
/// <see cref="GatedPixelCnn"/> share, with their likelihood and their pixel-by-pixel sampling.
/// </summary>
public abstract class AutoregressiveImageModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module (TorchSharp's module name).</summary>
    protected AutoregressiveImageModel(string name) : base(name) { }

    /// <summary>−log p(x) in nats for each image (N values): the summed binary cross-entropy of every pixel.</summary>
    public Tensor NegativeLogLikelihood(Tensor binaryImages) => NegativeLogLikelihood(forward(binaryImages), binaryImages);

    /// <summary>
    /// −log p(x) per image from the network's logits: −Σᵢ [xᵢ log σ(logitᵢ) + (1 − xᵢ) log(1 − σ(logitᵢ))], the pixel-wise
    /// binary cross-entropy summed over the pixels (in nats).
    /// </summary>
    public static Tensor NegativeLogLikelihood(Tensor logits, Tensor binaryImages) =>
        nn.functional.binary_cross_entropy_with_logits(logits, binaryImages, reduction: nn.Reduction.None).flatten(1).sum(1);

    /// <summary>
    /// Draws <paramref name="count"/> images pixel by pixel in raster order: H·W forward passes, each sampling one pixel from
    /// Bernoulli(σ(logit)) given the pixels already drawn (why sampling is slow even though training is parallel).
    /// </summary>
    public Tensor Sample(int count, int height = 28, int width = 28, Generator? generator = null, CancellationToken cancellationToken = default)
    {
        using var noGrad = no_grad();
        eval();
        var images = zeros(count, 1, height, width);
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var p = forward(images).select(2, r).select(2, c).sigmoid();     // N×1
                images[.., .., r, c] = bernoulli(p, generator);
            }
        train();
        return images;
    }
}
