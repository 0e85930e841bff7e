using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>ReLU: y = max(0, x). Cheap, converges fast, but its output is not zero-centred.</summary>
public static class ReLULayer
{
    /// <summary>y = max(0, x); the cache is the input.</summary>
    public static (Tensor Output, Tensor Cache) Forward(Tensor x) => (x.clamp_min(0), x);

    /// <summary>∂L/∂x = dy where x &gt; 0, else 0.</summary>
    public static Gradients Backward(Tensor upstream, Tensor cache) => new(upstream * (cache > 0).to_type(upstream.dtype));
}
