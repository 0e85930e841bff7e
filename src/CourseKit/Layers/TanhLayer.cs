using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>Tanh: zero-centred squashing to (−1, 1); LeNet-5's original non-linearity.</summary>
public static class TanhLayer
{
    /// <summary>y = tanh(x); the cache is the output.</summary>
    public static (Tensor Output, Tensor Cache) Forward(Tensor x)
    {
        var y = x.tanh();
        return (y, y);
    }

    /// <summary>tanh'(x) = 1 − tanh²(x), so ∂L/∂x = dy · (1 − y²).</summary>
    public static Gradients Backward(Tensor upstream, Tensor cache) => new(upstream * (1 - cache * cache));
}
