using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Layers;

/// <summary>
/// Max pooling from scratch: each K×K window (moved by the stride) keeps its largest value, which shrinks the
/// representation and keeps the strongest response. It also records the "switches": where in the input each
/// maximum came from (a flat index into H×W, PyTorch's convention), which the backward pass and
/// <see cref="MaxUnpool2d"/> (Zeiler and Fergus's deconvnet) need.
/// </summary>
public static class MaxPool2d
{
    /// <summary>What backward needs: the switches and the input shape.</summary>
    public sealed record Cache(Tensor Indices, long[] InputShape);

    /// <summary>y[n, c, i, j] = max over the window at (i·s − p, j·s − p) of x[n, c, ·, ·].</summary>
    /// <param name="x">N×C×H×W.</param>
    /// <param name="kernelSize">K, the window size.</param>
    /// <param name="stride">Step between windows; defaults to K (non-overlapping windows), as in PyTorch.</param>
    /// <param name="padding">Padding on each side (never wins: it counts as −∞).</param>
    /// <param name="dilation">Spacing of the window's taps.</param>
    /// <returns>The pooled output, the switches (int64, same shape) and the cache.</returns>
    public static (Tensor Output, Tensor Indices, Cache Cache) Forward(Tensor x, int kernelSize, int? stride = null, int padding = 0, int dilation = 1)
    {
        var o = new Conv2dOptions(stride ?? kernelSize, padding, dilation);
        o.Check("MaxPool2d");
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        long outH = o.OutputSize((int)h, kernelSize), outW = o.OutputSize((int)w, kernelSize);

        // Pad with −∞, then lay every window out as a column: (N·C) × (K·K) × L.
        var padded = padding > 0 ? F.pad(x, [padding, padding, padding, padding], value: double.NegativeInfinity) : x;
        var columns = F.unfold(padded.reshape(n * c, 1, h + 2 * padding, w + 2 * padding), kernelSize, dilation, 0, o.Stride);
        var (values, position) = columns.max(1);   // position = which of the K·K taps won

        // Switch = the winner's flat index in the unpadded H×W input: row·W + column.
        var windowRow = arange(outH, dtype: int64).repeat_interleave(outW);   // i for each of the L windows
        var windowCol = arange(outW, dtype: int64).repeat(outH);              // j for each of the L windows
        var row = windowRow * o.Stride - padding + position.div(kernelSize, rounding_mode: RoundingMode.floor) * dilation;
        var col = windowCol * o.Stride - padding + position.remainder(kernelSize) * dilation;
        var indices = (row * w + col).view(n, c, outH, outW);
        return (values.view(n, c, outH, outW), indices, new Cache(indices, x.shape));
    }

    /// <summary>The gradient goes only to the element that won each window (summed if it won several).</summary>
    public static Gradients Backward(Tensor upstream, Cache cache)
    {
        long n = cache.InputShape[0], c = cache.InputShape[1];
        var dx = zeros(n, c, cache.InputShape[2] * cache.InputShape[3], dtype: upstream.dtype)
            .scatter_add(2, cache.Indices.reshape(n, c, -1), upstream.reshape(n, c, -1));
        return new(dx.view(cache.InputShape));
    }
}

/// <summary>
/// Max unpooling: puts each value back where the switches say its maximum came from, zeros elsewhere
/// (the deconvnet's "unpooling" step; the inverse of <see cref="MaxPool2d"/> as far as one can be).
/// </summary>
public static class MaxUnpool2d
{
    /// <summary>What backward needs: the switches and the input shape.</summary>
    public sealed record Cache(Tensor Indices, long[] InputShape);

    /// <summary>y = zeros(N, C, H, W); y.flat[switch] = x.</summary>
    /// <param name="x">Pooled values, N×C×h×w.</param>
    /// <param name="indices">The switches from <see cref="MaxPool2d.Forward"/>.</param>
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

/// <summary>Average pooling: each K×K window is replaced by its mean (zero padding counts, as in PyTorch's default).</summary>
public static class AvgPool2d
{
    /// <summary>What backward needs: the input shape and the window.</summary>
    public sealed record Cache(long[] InputShape, int KernelSize, Conv2dOptions Options);

    /// <summary>y[n, c, i, j] = (1/K²) Σ over the window of x.</summary>
    public static (Tensor Output, Cache Cache) Forward(Tensor x, int kernelSize, int? stride = null, int padding = 0)
    {
        var o = new Conv2dOptions(stride ?? kernelSize, padding);
        o.Check("AvgPool2d");
        long n = x.shape[0], c = x.shape[1];
        long outH = o.OutputSize((int)x.shape[2], kernelSize), outW = o.OutputSize((int)x.shape[3], kernelSize);
        var columns = F.unfold(x, kernelSize, 1, padding, o.Stride).view(n, c, kernelSize * kernelSize, outH * outW);
        return (columns.mean([2]).view(n, c, outH, outW), new Cache(x.shape, kernelSize, o));
    }

    /// <summary>Each window element receives dY / K²; fold adds the shares of overlapping windows.</summary>
    public static Gradients Backward(Tensor upstream, Cache cache)
    {
        long n = upstream.shape[0], c = upstream.shape[1], taps = cache.KernelSize * cache.KernelSize;
        long l = upstream.shape[2] * upstream.shape[3];
        var dColumns = (upstream.reshape(n, c, 1, l) / taps).expand(n, c, taps, l).reshape(n, c * taps, l);
        var o = cache.Options;
        var dx = F.fold(dColumns, (cache.InputShape[2], cache.InputShape[3]), (cache.KernelSize, cache.KernelSize),
            padding: (o.Padding, o.Padding), stride: (o.Stride, o.Stride));
        return new(dx);
    }
}

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
