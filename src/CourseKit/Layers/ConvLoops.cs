using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// The same convolution as <see cref="Conv2dLayer"/>, written as the nested loops of the definition on plain arrays
/// (float64). Slow, but every multiply-add is visible:
/// <code>y[n, o, i, j] = b[o] + Σ_c Σ_u Σ_v W[o, c, u, v] · x[n, g·Cin/G + c, i·s − p + u·d, j·s − p + v·d]</code>
/// (terms that fall in the zero padding are skipped).
/// </summary>
public static class ConvLoops
{
    /// <summary>What backward needs: the input, the weights and the options.</summary>
    public sealed record Cache(Tensor X, Tensor W, Conv2dOptions Options);

    /// <summary>Convolution by six nested loops. Same arguments and result as <see cref="Conv2dLayer.Forward"/>.</summary>
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
            Conv2dLayer.Shapes(x, weight, o, "ConvLoops");
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
