using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as in every deep-learning library) from scratch, the fast way: im2col.
/// Every receptive field (a Cin/G × K × K block of the input) is copied into one column, so the whole
/// convolution becomes one matrix product:
/// <code>
/// columns = im2col(x) (= F.unfold)   N × (Cin·K·K) × L,   L = H_out·W_out
/// y[n]    = W_matrix · columns[n]    W_matrix = W reshaped to Cout × (Cin·K·K)   (per group)
/// y[n, o, i, j] = b[o] + Σ_c Σ_u Σ_v W[o, c, u, v] · x_pad[n, c, i·s + u·d, j·s + v·d]
/// </code>
/// A filter (Cin/G × K × K) is a stack of kernels, one per input channel; each filter gives one output channel.
/// <see cref="ConvLoops"/> is the same layer written as plain loops, for reading.
/// </summary>
public static class Conv2dLayer
{
    /// <summary>What backward needs: the columns of the input, the weights, the input shape and the options.</summary>
    public sealed record Cache(Tensor Columns, Tensor W, long[] InputShape, Conv2dOptions Options);

    /// <summary>Convolves x (N×Cin×H×W) with weight (Cout×Cin/G×K×K) and adds bias (Cout).</summary>
    /// <returns>The output, N×Cout×H_out×W_out, and the cache for <see cref="Backward"/>.</returns>
    public static (Tensor Output, Cache Cache) Forward(Tensor x, Tensor weight, Tensor? bias, Conv2dOptions? options = null)
    {
        var o = options ?? new Conv2dOptions();
        var (n, g, cinPerGroup, coutPerGroup, kh, kw) = Shapes(x, weight, o, "Conv2d");
        long outH = o.OutputSize((int)x.shape[2], (int)kh), outW = o.OutputSize((int)x.shape[3], (int)kw);
        long l = outH * outW, patch = cinPerGroup * kh * kw;

        // im2col: N × (Cin·K·K) × L, channels outermost, so channel groups are contiguous blocks of rows.
        var columns = Im2Col(x, kh, kw, o);
        var y = GroupProducts(weight.reshape(g, coutPerGroup, patch), columns.view(n * g, patch, l), bias, n);
        return (y.view(n, g * coutPerGroup, outH, outW), new Cache(columns, weight, x.shape, o));
    }

    // y[n, g] = b[g] + W[g] · columns[n, g] for every example n and group g: one batched product over the N·G blocks.
    // baddbmm adds the bias while it writes the product, one pass over y instead of two (TorchSharp spells it
    // batch1.baddbmm(batch2, input) = input + batch1 · batch2). The expand()s repeat W and b without copying when G = 1.
    private static Tensor GroupProducts(Tensor filters, Tensor blocks, Tensor? bias, long n)
    {
        long g = filters.shape[0], coutPerGroup = filters.shape[1], patch = filters.shape[2], l = blocks.shape[2];
        var weights = filters.expand(n, g, coutPerGroup, patch).reshape(n * g, coutPerGroup, patch);
        if (bias is null) return weights.bmm(blocks);
        var shifts = bias.view(g, coutPerGroup, 1).expand(n, g, coutPerGroup, l).reshape(n * g, coutPerGroup, l);
        return weights.baddbmm(blocks, shifts);
    }

    /// <summary>
    /// The column matrix of im2col, N × (Cin·K·K) × L (the layout of <c>F.unfold</c>): column l of example n holds the
    /// receptive field of output position l. Built without a loop: the zero-padded input is looked at through a strided
    /// view of shape N × Cin × K × K × H_out × W_out whose element [n, c, u, v, i, j] is x_pad[n, c, i·s + u·d, j·s + v·d]
    /// (a view moves no data; only its strides say where each element lives), and one reshape copies that view into
    /// the columns. On the 2-core course machine this is 4–5× faster than <c>F.unfold</c>, which fills the columns
    /// position by position (<c>coursekit bench --only conv</c>).
    /// </summary>
    public static Tensor Im2Col(Tensor x, long kh, long kw, Conv2dOptions o)
    {
        if (x.dim() != 4)
            throw new ArgumentException($"im2col expects x as N×C×H×W, but got {ShapeText.Of(x)}; add a batch dimension with unsqueeze(0).", nameof(x));
        long n = x.shape[0], c = x.shape[1];
        long outH = o.OutputSize((int)x.shape[2], (int)kh), outW = o.OutputSize((int)x.shape[3], (int)kw);
        using var padded = F.pad(x, [o.Padding, o.Padding, o.Padding, o.Padding]).contiguous();
        long rowStride = padded.shape[3], planeStride = padded.shape[2] * rowStride, imageStride = c * planeStride;
        var receptiveFields = padded.as_strided(
            [n, c, kh, kw, outH, outW],
            [imageStride, planeStride, o.Dilation * rowStride, o.Dilation, o.Stride * rowStride, o.Stride],
            padded.storage_offset());
        return receptiveFields.reshape(n, c * kh * kw, outH * outW);
    }

    /// <summary>
    /// ∂L/∂W[g] = Σₙ dY[n, g] · columns[n, g]ᵀ,   ∂L/∂columns[n, g] = W[g]ᵀ · dY[n, g] and then col2im (fold) adds each
    /// column back onto the input positions it was copied from,   ∂L/∂b = Σ over n, i, j of dY.
    /// </summary>
    public static Gradients Backward(Tensor upstream, Cache cache)
    {
        var o = cache.Options;
        long n = cache.InputShape[0], g = o.Groups;
        long cout = cache.W.shape[0], kh = cache.W.shape[2], kw = cache.W.shape[3];
        long patch = cache.W.shape[1] * kh * kw, l = upstream.shape[2] * upstream.shape[3];

        var dy = upstream.reshape(n, g, cout / g, l);
        var columns = cache.Columns.view(n, g, patch, l);
        var filters = cache.W.reshape(g, cout / g, patch);

        var dW = dy.matmul(columns.transpose(2, 3)).sum([0]).reshape(cache.W.shape);
        var dColumns = filters.transpose(1, 2).unsqueeze(0).matmul(dy).reshape(n, g * patch, l);
        var dx = F.fold(dColumns, (cache.InputShape[2], cache.InputShape[3]), (kh, kw),
            dilation: (o.Dilation, o.Dilation), padding: (o.Padding, o.Padding), stride: (o.Stride, o.Stride));
        return new(dx, dW, upstream.sum([0, 2, 3]));
    }

    internal static (long N, long Groups, long CinPerGroup, long CoutPerGroup, long Kh, long Kw) Shapes(
        Tensor x, Tensor weight, Conv2dOptions o, string layer)
    {
        o.Check(layer);
        if (x.dim() != 4 || weight.dim() != 4)
            throw new ArgumentException($"{layer} expects x as N×C×H×W and weight as 4-D, but got {ShapeText.Of(x)} and {ShapeText.Of(weight)}.");
        if (x.shape[1] != weight.shape[1] * o.Groups || weight.shape[0] % o.Groups != 0)
            throw new ArgumentException(
                $"{layer}: input has {x.shape[1]} channels, weight is {ShapeText.Of(weight)} with {o.Groups} group(s); " +
                "need input channels = weight.shape[1] × groups and output channels divisible by groups.");
        return (x.shape[0], o.Groups, weight.shape[1], weight.shape[0] / o.Groups, weight.shape[2], weight.shape[3]);
    }
}
