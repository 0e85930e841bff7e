using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Layers;

/// <summary>
/// Max unpooling: puts each value back where the switches say its maximum came from, zeros elsewhere
/// (the deconvnet's "unpooling" step; the inverse of <see cref="MaxPool2dLayer"/> as far as one can be).
/// </summary>
public static class MaxUnpool2dLayer
{
    /// <summary>What backward needs: the switches and the input shape.</summary>
    public sealed record Cache(Tensor Indices, long[] InputShape);

    /// <summary>y = zeros(N, C, H, W); y.flat[switch] = x.</summary>
    /// <param name="x">Pooled values, N×C×h×w.</param>
    /// <param name="indices">The switches from <see cref="MaxPool2dLayer.Forward"/>.</param>
    /// <param name="outputHeight">H of the map before pooling.</param>
    /// <param name="outputWidth">W of the map before pooling.</param>
    public static (Tensor Output, Cache Cache) Forward(Tensor x, Tensor indices, int outputHeight, int outputWidth)
    {
        long n = x.shape[0], c = x.shape[1];
        var y = zeros(n, c, outputHeight * outputWidth, dtype: x.dtype)
            .scatter(2, indices.reshape(n, c, -1), x.reshape(n, c, -1));
        return (y.view(n, c, outputHeight, outputWidth), new Cache(indices, x.shape));
    }

    /// <summary>∂L/∂x = dY read back at the switch positions.</summary>
    public static Gradients Backward(Tensor upstream, Cache cache)
    {
        long n = upstream.shape[0], c = upstream.shape[1];
        return new(upstream.reshape(n, c, -1).gather(2, cache.Indices.reshape(n, c, -1)).view(cache.InputShape));
    }
}
