using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// A convolution whose kernel is zeroed below the centre row and right of the centre (and at the centre for type A),
/// so output (r, c) depends only on inputs before (r, c) in raster order: the chain rule
/// p(x) = ∏ᵢ p(xᵢ | x₁, …, xᵢ₋₁) becomes one convolutional pass at training time.
/// </summary>
public sealed class MaskedConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly Tensor mask;

    /// <summary>Creates PixelCNN's masked k×k convolution (k odd, <see cref="Mask"/>) with "same" padding.</summary>
    public MaskedConv2d(MaskType type, long inChannels, long outChannels, int kernelSize)
        : this(Mask(type, RequireOdd(kernelSize)), inChannels, outChannels) { }

    /// <summary>
    /// Creates a convolution whose kernel has the shape of <paramref name="mask"/> (kh×kw, both odd) and is multiplied by
    /// it, with "same" padding: the general form the gated PixelCNN's vertical and horizontal stacks use.
    /// </summary>
    public MaskedConv2d(Tensor mask, long inChannels, long outChannels) : base(nameof(MaskedConv2d))
    {
        if (mask.dim() != 2) throw new ArgumentException($"a kernel mask is a kh×kw matrix, not a tensor of shape {ShapeText.Of(mask)}");
        int height = RequireOdd((int)mask.shape[0]), width = RequireOdd((int)mask.shape[1]);
        conv = nn.Conv2d(inChannels, outChannels, (height, width), padding: (height / 2, width / 2));
        this.mask = mask.to_type(ScalarType.Float32);
        register_buffer("mask", this.mask);
        RegisterComponents();
    }

    /// <summary>The k×k 0/1 mask: 1 above the centre row, left of the centre in it, and at the centre for type B.</summary>
    public static Tensor Mask(MaskType type, int kernelSize)
    {
        int centre = kernelSize / 2;
        var values = new float[kernelSize * kernelSize];
        for (int r = 0; r < kernelSize; r++)
            for (int c = 0; c < kernelSize; c++)
                values[r * kernelSize + c] = r < centre || (r == centre && (c < centre || (c == centre && type == MaskType.B))) ? 1 : 0;
        return tensor(values, [kernelSize, kernelSize]);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) =>
        nn.functional.conv2d(x, conv.weight! * mask, conv.bias, padding: [conv.padding![0], conv.padding![1]]);

    private static int RequireOdd(int kernelSize) =>
        kernelSize % 2 == 1 ? kernelSize : throw new ArgumentException($"a masked convolution needs an odd kernel size, not {kernelSize}");
}
