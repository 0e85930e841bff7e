using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>Sigmoid: σ(x) = 1 / (1 + e^(−x)), squashing to (0, 1).</summary>
public static class SigmoidLayer
{
    /// <summary>y = σ(x); the cache is the output.</summary>
    public static (Tensor Output, Tensor Cache) Forward(Tensor x)
    {
        var y = x.sigmoid();   // 1 / (1 + exp(−x)), computed without overflow
        return (y, y);
    }

    /// <summary>σ'(x) = σ(x)(1 − σ(x)), so ∂L/∂x = dy · y(1 − y).</summary>
    public static Gradients Backward(Tensor upstream, Tensor cache) => new(upstream * cache * (1 - cache));
}
