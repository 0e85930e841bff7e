using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>
/// Corruptions x̃ of an image batch x (values in [0,1]) for the denoising autoencoder (x̃ = x + n) and for
/// inpainting. Each returns a new tensor; pass a generator to make the noise reproducible.
/// </summary>
public static class Corruption
{
    /// <summary>Additive Gaussian noise x̃ = clamp(x + n, 0, 1), n ~ N(0, σ²).</summary>
    public static Tensor Gaussian(Tensor x, double std, Generator? generator = null) =>
        (x + std * randn(x.shape, dtype: x.dtype, generator: generator)).clamp(0, 1);

    /// <summary>Salt-and-pepper noise: a fraction of the pixels set to 0 or 1 with equal probability.</summary>
    public static Tensor SaltAndPepper(Tensor x, double fraction, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var hit = rand(x.shape, generator: generator) < fraction;
        var salt = (rand(x.shape, generator: generator) < 0.5).to_type(x.dtype);
        return where(hit, salt, x).MoveToOuterDisposeScope();
    }

    /// <summary>Masking noise: a fraction of the pixels set to 0.</summary>
    public static Tensor Masking(Tensor x, double fraction, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var keep = (rand(x.shape, generator: generator) >= fraction).to_type(x.dtype);
        return (x * keep).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Occlusion for inpainting: one square of side <paramref name="size"/> per image, at a random position,
    /// set to 0 (images N×C×H×W).
    /// </summary>
    public static Tensor Occlude(Tensor x, int size, Generator? generator = null)
    {
        long height = x.shape[2], width = x.shape[3];
        if (size > height || size > width) throw new ArgumentException($"occlusion of side {size} does not fit in {height}×{width} images", nameof(size));
        using var scope = NewDisposeScope();
        var rows = randint(0, height - size + 1, [x.shape[0]], generator: generator).data<long>().ToArray();
        var columns = randint(0, width - size + 1, [x.shape[0]], generator: generator).data<long>().ToArray();
        var mask = ones_like(x);
        for (int i = 0; i < rows.Length; i++)
            mask[i, .., TensorIndex.Slice(rows[i], rows[i] + size), TensorIndex.Slice(columns[i], columns[i] + size)] = 0;
        return (x * mask).MoveToOuterDisposeScope();
    }
}
