using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Augmentation;

/// <summary>
/// A data-augmentation transform (the augmentation lecture: "apply transformations to the training images": resizing,
/// cropping, flipping, rotation). A transform maps one image C×H×W, or a batch N×C×H×W (each image drawn
/// separately), to a new tensor; every random choice comes from the <see cref="Random"/> passed in, so the
/// same seed gives the same augmented images. Inputs are never modified.
/// </summary>
public abstract class ImageTransform
{
    /// <summary>Transforms one image C×H×W with random choices drawn from <paramref name="random"/>.</summary>
    protected abstract Tensor ApplyToImage(Tensor image, Random random);

    /// <summary>
    /// Transforms an image C×H×W or a batch N×C×H×W (each image gets its own random draw).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not 3- or 4-dimensional.</exception>
    public Tensor Apply(Tensor images, Random random)
    {
        if (images.dim() == 3) return ApplyToImage(images, random);
        if (images.dim() != 4)
            throw new ArgumentException(
                $"{GetType().Name} expects an image C×H×W or a batch N×C×H×W, got shape {ShapeText.Of(images)}; " +
                "add a channel dimension with unsqueeze(0) for an H×W image");
        using var scope = NewDisposeScope();
        var outputs = new List<Tensor>();
        for (long i = 0; i < images.shape[0]; i++) outputs.Add(ApplyToImage(images[i], random));
        return stack(outputs).MoveToOuterDisposeScope();
    }

    /// <summary>Transforms with a fresh generator seeded by <paramref name="seed"/>: same seed, same result.</summary>
    public Tensor Apply(Tensor images, int seed) => Apply(images, new Random(seed));

    /// <summary>Checks that <paramref name="image"/> is C×H×W.</summary>
    protected static void RequireImage(Tensor image, string transform)
    {
        if (image.dim() != 3)
            throw new ArgumentException($"{transform} expects C×H×W, got shape {ShapeText.Of(image)}");
    }

    /// <summary>A uniform draw in [low, high).</summary>
    protected static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();
}
