using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Layers;

/// <summary>Average pooling: each K×K window is replaced by its mean (zero padding counts, as in PyTorch's default).</summary>
public static class AvgPool2dLayer
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
