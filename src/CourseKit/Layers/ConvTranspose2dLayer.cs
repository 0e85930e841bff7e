using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// Transposed convolution ("deconvolution", upsampling in FCNs, U-Nets and GAN generators): the backward pass of a
/// convolution used as a forward pass. Each input pixel scatters a weighted copy of the kernel into the output:
/// <code>H_out = (H − 1)·s − 2p + d·(K − 1) + output_padding + 1
/// columns[n] = W_matrixᵀ · x[n]   then col2im (fold) adds the columns into the output</code>
/// Weight layout as PyTorch: Cin × Cout/G × K × K.
/// </summary>
public static class ConvTranspose2dLayer
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
