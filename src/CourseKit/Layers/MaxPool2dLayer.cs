using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Layers;

/// <summary>
/// Max pooling from scratch: each K×K window (moved by the stride) keeps its largest value, which shrinks the
/// representation and keeps the strongest response. It also records the "switches": where in the input each
/// maximum came from (a flat index into H×W, PyTorch's convention), which the backward pass and
/// <see cref="MaxUnpool2dLayer"/> (Zeiler and Fergus's deconvnet) need.
/// </summary>
public static class MaxPool2dLayer
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
