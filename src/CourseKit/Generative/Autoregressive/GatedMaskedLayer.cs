using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// One layer of the gated PixelCNN (van den Oord et al. 2016, "Conditional Image Generation with PixelCNN Decoders"), with
/// two stacks that together have no blind spot:
/// <list type="bullet">
/// <item>the <b>vertical</b> stack, a k×k convolution masked below the centre row, sees every pixel in the rows above
/// (the first layer also hides the centre row, so its features at row r hold rows &lt; r only);</item>
/// <item>the <b>horizontal</b> stack, a 1×k convolution masked right of the centre, sees the pixels to the left in the
/// same row (the first layer also hides the centre) and adds the vertical stack's features through a 1×1 convolution.</item>
/// </list>
/// Both are gated, y = tanh(W_f ∗ x) ⊙ σ(W_g ∗ x); the horizontal stack ends in a 1×1 convolution and, after the first
/// layer, a residual connection.
/// </summary>
public sealed class GatedMaskedLayer : nn.Module<Tensor, Tensor, (Tensor Vertical, Tensor Horizontal)>
{
    private readonly MaskedConv2d vertical, horizontal;
    private readonly Conv2d verticalToHorizontal, horizontalOutput;
    private readonly bool residual;

    /// <summary>Creates a layer.</summary>
    /// <param name="inChannels">Channels of both incoming stacks (1 for the image itself).</param>
    /// <param name="channels">Channels of both outgoing stacks.</param>
    /// <param name="kernelSize">k, odd: the vertical kernel is k×k, the horizontal one 1×k.</param>
    /// <param name="first">The first layer, which reads the image: its masks also hide the centre (like mask A).</param>
    public GatedMaskedLayer(long inChannels, long channels, int kernelSize, bool first) : base(nameof(GatedMaskedLayer))
    {
        vertical = new MaskedConv2d(VerticalMask(kernelSize, first), inChannels, 2 * channels);
        horizontal = new MaskedConv2d(HorizontalMask(kernelSize, first), inChannels, 2 * channels);
        verticalToHorizontal = nn.Conv2d(2 * channels, 2 * channels, 1);
        horizontalOutput = nn.Conv2d(channels, channels, 1);
        residual = !first && inChannels == channels;
        RegisterComponents();
    }

    /// <summary>The k×k vertical mask: 1 in the rows above the centre, and in the whole centre row unless <paramref name="first"/>.</summary>
    public static Tensor VerticalMask(int kernelSize, bool first)
    {
        int centre = kernelSize / 2;
        var values = new float[kernelSize * kernelSize];
        for (int r = 0; r < kernelSize; r++)
            for (int c = 0; c < kernelSize; c++)
                values[r * kernelSize + c] = r < centre || (r == centre && !first) ? 1 : 0;
        return tensor(values, [kernelSize, kernelSize]);
    }

    /// <summary>The 1×k horizontal mask: 1 left of the centre, and at the centre unless <paramref name="first"/>.</summary>
    public static Tensor HorizontalMask(int kernelSize, bool first)
    {
        int centre = kernelSize / 2;
        var values = new float[kernelSize];
        for (int c = 0; c < kernelSize; c++)
            values[c] = c < centre || (c == centre && !first) ? 1 : 0;
        return tensor(values, [1, kernelSize]);
    }

    /// <summary>The two stacks after this layer, from the two before it (both the image for the first layer).</summary>
    public override (Tensor Vertical, Tensor Horizontal) forward(Tensor verticalInput, Tensor horizontalInput)
    {
        var verticalFeatures = vertical.forward(verticalInput);
        // the vertical features at (r, c) hold rows above r only, so the horizontal stack may read them at (r, c)
        var horizontalFeatures = horizontal.forward(horizontalInput) + verticalToHorizontal.forward(verticalFeatures);
        var horizontalOut = horizontalOutput.forward(Gate(horizontalFeatures));
        return (Gate(verticalFeatures), residual ? horizontalInput + horizontalOut : horizontalOut);
    }

    /// <summary>The gated activation tanh(a) ⊙ σ(b), a and b the two halves of the channels.</summary>
    public static Tensor Gate(Tensor features)
    {
        var halves = features.chunk(2, 1);
        return halves[0].tanh() * halves[1].sigmoid();
    }
}
