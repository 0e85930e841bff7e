using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>
/// Inverted dropout: in training each element is kept with probability 1 − p and scaled by 1/(1 − p), so the
/// expected output equals the input and evaluation needs no change. The mask comes from a seeded generator, so
/// a run is reproducible and a gradient check sees the same mask every time.
/// </summary>
public static class DropoutLayer
{
    /// <summary>The mask already scaled: 0 or 1/(1 − p).</summary>
    public sealed record Cache(Tensor ScaledMask);

    /// <summary>y = x ⊙ mask / (1 − p) in training, y = x in evaluation.</summary>
    /// <param name="x">Any shape.</param>
    /// <param name="p">Probability of dropping an element, in [0, 1).</param>
    /// <param name="training">False: the identity.</param>
    /// <param name="seed">Seed of the mask.</param>
    public static (Tensor Output, Cache Cache) Forward(Tensor x, double p, bool training, long seed = 0)
    {
        if (p < 0 || p >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "the dropout probability must be in [0, 1)");
        if (!training || p == 0) return (x, new Cache(ones_like(x)));
        using var generator = new Generator((ulong)seed);
        var keep = rand(x.shape, generator: generator, dtype: x.dtype) >= p;
        var scaledMask = keep.to_type(x.dtype) / (1 - p);
        return (x * scaledMask, new Cache(scaledMask));
    }

    /// <summary>∂L/∂x = dy ⊙ mask / (1 − p).</summary>
    public static Gradients Backward(Tensor upstream, Cache cache) => new(upstream * cache.ScaledMask);
}
