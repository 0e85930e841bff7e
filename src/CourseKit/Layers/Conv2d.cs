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
public static class Conv2d
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

/// <summary>
/// The same convolution as <see cref="Conv2d"/>, written as the nested loops of the definition on plain arrays
/// (float64). Slow, but every multiply-add is visible:
/// <code>y[n, o, i, j] = b[o] + Σ_c Σ_u Σ_v W[o, c, u, v] · x[n, g·Cin/G + c, i·s − p + u·d, j·s − p + v·d]</code>
/// (terms that fall in the zero padding are skipped).
/// </summary>
public static class ConvLoops
{
    /// <summary>What backward needs: the input, the weights and the options.</summary>
    public sealed record Cache(Tensor X, Tensor W, Conv2dOptions Options);

    /// <summary>Convolution by six nested loops. Same arguments and result as <see cref="Conv2d.Forward"/>.</summary>
    public static (Tensor Output, Cache Cache) Forward(Tensor x, Tensor weight, Tensor? bias, Conv2dOptions? options = null)
    {
        var o = options ?? new Conv2dOptions();
        var s = Sizes.Of(x, weight, o);
        double[] input = Values(x), w = Values(weight), b = bias is null ? new double[s.Cout] : Values(bias);
        var output = new double[s.N * s.Cout * s.OutH * s.OutW];

        for (int n = 0; n < s.N; n++)
            for (int oc = 0; oc < s.Cout; oc++)
                for (int i = 0; i < s.OutH; i++)
                    for (int j = 0; j < s.OutW; j++)
                    {
                        double sum = b[oc];
                        foreach (var (xIndex, wIndex) in s.Taps(n, oc, i, j))
                            sum += input[xIndex] * w[wIndex];
                        output[s.OutIndex(n, oc, i, j)] = sum;
                    }
        var y = tensor(output, dtype: float64).view(s.N, s.Cout, s.OutH, s.OutW).to_type(x.dtype);
        return (y, new Cache(x, weight, o));
    }

    /// <summary>Every multiply-add of the forward pass sends dy back to both of its factors.</summary>
    public static Gradients Backward(Tensor upstream, Cache cache)
    {
        var s = Sizes.Of(cache.X, cache.W, cache.Options);
        double[] input = Values(cache.X), w = Values(cache.W), dy = Values(upstream);
        var dx = new double[input.Length];
        var dw = new double[w.Length];
        var db = new double[s.Cout];

        for (int n = 0; n < s.N; n++)
            for (int oc = 0; oc < s.Cout; oc++)
                for (int i = 0; i < s.OutH; i++)
                    for (int j = 0; j < s.OutW; j++)
                    {
                        double d = dy[s.OutIndex(n, oc, i, j)];
                        db[oc] += d;                                  // ∂y/∂b = 1
                        foreach (var (xIndex, wIndex) in s.Taps(n, oc, i, j))
                        {
                            dx[xIndex] += d * w[wIndex];              // ∂(x·w)/∂x = w
                            dw[wIndex] += d * input[xIndex];          // ∂(x·w)/∂w = x
                        }
                    }
        var dtype = cache.X.dtype;
        return new(tensor(dx, dtype: float64).view(cache.X.shape).to_type(dtype),
                   tensor(dw, dtype: float64).view(cache.W.shape).to_type(dtype),
                   tensor(db, dtype: float64).to_type(dtype));
    }

    private static double[] Values(Tensor t) => t.detach().to_type(float64).contiguous().data<double>().ToArray();

    /// <summary>Shapes of one convolution, and the flat indices of the input and weight elements each output uses.</summary>
    private sealed record Sizes(int N, int Cin, int H, int W, int Cout, int K, int OutH, int OutW, Conv2dOptions O)
    {
        public static Sizes Of(Tensor x, Tensor weight, Conv2dOptions o)
        {
            Conv2d.Shapes(x, weight, o, "ConvLoops");
            if (weight.shape[2] != weight.shape[3]) throw new ArgumentException("ConvLoops handles square kernels only.");
            int h = (int)x.shape[2], w = (int)x.shape[3], k = (int)weight.shape[2];
            return new((int)x.shape[0], (int)x.shape[1], h, w, (int)weight.shape[0], k, o.OutputSize(h, k), o.OutputSize(w, k), o);
        }

        public int OutIndex(int n, int oc, int i, int j) => ((n * Cout + oc) * OutH + i) * OutW + j;

        /// <summary>(input index, weight index) of every term of y[n, oc, i, j] that lies inside the image.</summary>
        public IEnumerable<(int X, int W)> Taps(int n, int oc, int i, int j)
        {
            int cinPerGroup = Cin / O.Groups, group = oc / (Cout / O.Groups);
            for (int c = 0; c < cinPerGroup; c++)
                for (int u = 0; u < K; u++)
                    for (int v = 0; v < K; v++)
                    {
                        int row = i * O.Stride - O.Padding + u * O.Dilation;
                        int col = j * O.Stride - O.Padding + v * O.Dilation;
                        if (row < 0 || row >= H || col < 0 || col >= W) continue;   // zero padding contributes nothing
                        int inputChannel = group * cinPerGroup + c;
                        yield return (((n * Cin + inputChannel) * H + row) * W + col, ((oc * cinPerGroup + c) * K + u) * K + v);
                    }
        }
    }
}

/// <summary>
/// Transposed convolution ("deconvolution", upsampling in FCNs, U-Nets and GAN generators): the backward pass of a
/// convolution used as a forward pass. Each input pixel scatters a weighted copy of the kernel into the output:
/// <code>H_out = (H − 1)·s − 2p + d·(K − 1) + output_padding + 1
/// columns[n] = W_matrixᵀ · x[n]   then col2im (fold) adds the columns into the output</code>
/// Weight layout as PyTorch: Cin × Cout/G × K × K.
/// </summary>
public static class ConvTranspose2d
{
    /// <summary>What backward needs: the input, the weights, the options.</summary>
    public sealed record Cache(Tensor X, Tensor W, Conv2dOptions Options);

    /// <summary>Output size along one dimension: (in − 1)·s − 2p + d·(K − 1) + outputPadding + 1.</summary>
    public static int OutputSize(int inputSize, int kernelSize, Conv2dOptions options, int outputPadding = 0) =>
        (inputSize - 1) * options.Stride - 2 * options.Padding + options.Dilation * (kernelSize - 1) + outputPadding + 1;

    /// <summary>Transposed convolution of x (N×Cin×H×W) with weight (Cin×Cout/G×K×K), plus bias (Cout).</summary>
    public static (Tensor Output, Cache Cache) Forward(Tensor x, Tensor weight, Tensor? bias, Conv2dOptions? options = null, int outputPadding = 0)
    {
        var o = options ?? new Conv2dOptions();
        o.Check("ConvTranspose2d");
        if (x.dim() != 4 || weight.dim() != 4 || x.shape[1] != weight.shape[0] || x.shape[1] % o.Groups != 0)
            throw new ArgumentException(
                $"ConvTranspose2d expects x as N×Cin×H×W and weight as Cin×(Cout/groups)×K×K, but got {ShapeText.Of(x)} and {ShapeText.Of(weight)}.");
        if (outputPadding >= o.Stride && outputPadding >= o.Dilation)
            throw new ArgumentException($"output_padding ({outputPadding}) must be smaller than the stride or the dilation.");
        long n = x.shape[0], g = o.Groups, cinPerGroup = x.shape[1] / g, coutPerGroup = weight.shape[1];
        long kh = weight.shape[2], kw = weight.shape[3], l = x.shape[2] * x.shape[3];
        long outH = OutputSize((int)x.shape[2], (int)kh, o, outputPadding), outW = OutputSize((int)x.shape[3], (int)kw, o, outputPadding);

        var xs = x.reshape(n, g, cinPerGroup, l);
        var filters = weight.reshape(g, cinPerGroup, coutPerGroup * kh * kw);
        // columns[n, g] = W[g]ᵀ · x[n, g]: each input pixel becomes a Cout/G × K × K patch …
        var columns = filters.transpose(1, 2).unsqueeze(0).matmul(xs).reshape(n, g * coutPerGroup * kh * kw, l);
        // … and fold adds the overlapping patches into the output.
        var y = F.fold(columns, (outH, outW), (kh, kw), dilation: (o.Dilation, o.Dilation), padding: (o.Padding, o.Padding), stride: (o.Stride, o.Stride));
        if (bias is not null) y = y + bias.view(1, -1, 1, 1);
        return (y, new Cache(x, weight, o));
    }

    /// <summary>
    /// The gradient flows back through an ordinary convolution: dcolumns = unfold(dY),
    /// ∂L/∂x[n, g] = W[g] · dcolumns[n, g],  ∂L/∂W[g] = Σₙ x[n, g] · dcolumns[n, g]ᵀ,  ∂L/∂b = Σ dY.
    /// </summary>
    public static Gradients Backward(Tensor upstream, Cache cache)
    {
        var o = cache.Options;
        long n = cache.X.shape[0], g = o.Groups, cinPerGroup = cache.X.shape[1] / g;
        long kh = cache.W.shape[2], kw = cache.W.shape[3], l = cache.X.shape[2] * cache.X.shape[3];
        long patch = cache.W.shape[1] * kh * kw;

        var dColumns = F.unfold(upstream, (kh, kw), dilation: (o.Dilation, o.Dilation), padding: (o.Padding, o.Padding), stride: (o.Stride, o.Stride))
            .reshape(n, g, patch, l);
        var filters = cache.W.reshape(g, cinPerGroup, patch);
        var xs = cache.X.reshape(n, g, cinPerGroup, l);

        var dx = filters.unsqueeze(0).matmul(dColumns).reshape(cache.X.shape);
        var dW = xs.matmul(dColumns.transpose(2, 3)).sum([0]).reshape(cache.W.shape);
        return new(dx, dW, upstream.sum([0, 2, 3]));
    }
}
