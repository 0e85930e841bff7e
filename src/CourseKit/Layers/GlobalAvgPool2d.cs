using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Layers;

/// <summary>
/// Global average pooling: each feature map becomes its mean, N×C×H×W → N×C. Replaces the big fully connected
/// layers of older networks and makes class activation maps possible.
/// </summary>
public static class GlobalAvgPool2d
{
    /// <summary>y[n, c] = (1/HW) Σᵢⱼ x[n, c, i, j]; the cache is the input shape.</summary>
    public static (Tensor Output, long[] Cache) Forward(Tensor x) => (x.mean([2, 3]), x.shape);

    /// <summary>∂L/∂x[n, c, i, j] = dY[n, c] / (H·W).</summary>
    public static Gradients Backward(Tensor upstream, long[] cache) =>
        new((upstream.view(cache[0], cache[1], 1, 1) / (cache[2] * cache[3])).expand(cache).contiguous());
}
