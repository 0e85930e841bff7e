using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>ReLU: y = max(0, x). Cheap, converges fast, but its output is not zero-centred.</summary>
public static class ReLU
{
    /// <summary>y = max(0, x); the cache is the input.</summary>
    public static (Tensor Output, Tensor Cache) Forward(Tensor x) => (x.clamp_min(0), x);

    /// <summary>∂L/∂x = dy where x &gt; 0, else 0.</summary>
    public static Gradients Backward(Tensor upstream, Tensor cache) => new(upstream * (cache > 0).to_type(upstream.dtype));
}

/// <summary>Leaky ReLU: y = x for x &gt; 0, αx otherwise (the DCGAN discriminator uses α = 0.2).</summary>
public static class LeakyReLU
{
    /// <summary>y = x if x &gt; 0 else slope·x; the cache is the input.</summary>
    public static (Tensor Output, Tensor Cache) Forward(Tensor x, double negativeSlope = 0.01) =>
        (where(x > 0, x, x * negativeSlope), x);

    /// <summary>∂L/∂x = dy where x &gt; 0, slope·dy elsewhere.</summary>
    public static Gradients Backward(Tensor upstream, Tensor cache, double negativeSlope = 0.01) =>
        new(where(cache > 0, upstream, upstream * negativeSlope));
}

/// <summary>Sigmoid: σ(x) = 1 / (1 + e^(−x)), squashing to (0, 1).</summary>
public static class Sigmoid
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

/// <summary>Tanh: zero-centred squashing to (−1, 1); LeNet-5's original non-linearity.</summary>
public static class Tanh
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

/// <summary>Flatten: N×C×H×W → N×(C·H·W), the bridge from convolutional to fully connected layers.</summary>
public static class Flatten
{
    /// <summary>Keeps the first dimension, flattens the rest; the cache is the input shape.</summary>
    public static (Tensor Output, long[] Cache) Forward(Tensor x) => (x.reshape(x.shape[0], -1), x.shape);

    /// <summary>Reshapes the gradient back to the input's shape.</summary>
    public static Gradients Backward(Tensor upstream, long[] cache) => new(upstream.reshape(cache));
}
