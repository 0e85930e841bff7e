using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>Leaky ReLU: y = x for x &gt; 0, αx otherwise (the DCGAN discriminator uses α = 0.2).</summary>
public static class LeakyReLULayer
{
    /// <summary>y = x if x &gt; 0 else slope·x; the cache is the input.</summary>
    public static (Tensor Output, Tensor Cache) Forward(Tensor x, double negativeSlope = 0.01) =>
        (where(x > 0, x, x * negativeSlope), x);

    /// <summary>∂L/∂x = dy where x &gt; 0, slope·dy elsewhere.</summary>
    public static Gradients Backward(Tensor upstream, Tensor cache, double negativeSlope = 0.01) =>
        new(where(cache > 0, upstream, upstream * negativeSlope));
}
