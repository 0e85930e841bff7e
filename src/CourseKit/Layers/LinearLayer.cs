using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// Fully connected layer from scratch. Every output is a dot product between one row of W and the whole input:
/// a 32×32×3 image is flattened to 3072 numbers and each of the outputs sees all 3072.
/// <code>y = x Wᵀ + b        x: N×D,  W: M×D,  b: M,  y: N×M</code>
/// </summary>
public static class LinearLayer
{
    /// <summary>What backward needs from forward: the input and the weights.</summary>
    public sealed record Cache(Tensor X, Tensor W);

    /// <summary>y = x Wᵀ + b.</summary>
    /// <param name="x">Inputs, N×D (flatten images first).</param>
    /// <param name="weight">W, M×D (PyTorch's layout: one row per output).</param>
    /// <param name="bias">b, M, or null.</param>
    public static (Tensor Output, Cache Cache) Forward(Tensor x, Tensor weight, Tensor? bias)
    {
        if (x.dim() != 2 || x.shape[1] != weight.shape[1])
            throw new ArgumentException($"Linear expects x of shape N×{weight.shape[1]} but got {ShapeText.Of(x)}; flatten the input first.");
        var y = x.matmul(weight.t());
        if (bias is not null) y = y + bias;
        return (y, new Cache(x, weight));
    }

    /// <summary>
    /// ∂L/∂x = dy W,  ∂L/∂W = dyᵀ x,  ∂L/∂b = Σₙ dy.
    /// </summary>
    /// <param name="upstream">dy = ∂L/∂y, N×M.</param>
    /// <param name="cache">From <see cref="Forward"/>.</param>
    public static Gradients Backward(Tensor upstream, Cache cache) =>
        new(upstream.matmul(cache.W), upstream.t().matmul(cache.X), upstream.sum([0]));
}
