using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// A PixelCNN for binary images (van den Oord et al. 2016): a 7×7 type-A masked convolution, residual blocks of 3×3
/// type-B masked convolutions, then 1×1 convolutions to one Bernoulli logit per pixel. p(x) = ∏ᵢ Bernoulli(xᵢ; σ(logitᵢ)),
/// where logitᵢ depends only on x₁ … xᵢ₋₁.
/// </summary>
public sealed class PixelCnn : AutoregressiveImageModel
{
    private readonly MaskedConv2d first;
    private readonly ModuleList<MaskedConv2d> blocks;
    private readonly Conv2d hidden, output;

    /// <summary>Creates the network.</summary>
    /// <param name="channels">Feature maps per layer.</param>
    /// <param name="layers">Residual type-B layers after the first one.</param>
    public PixelCnn(int channels = 32, int layers = 5) : base(nameof(PixelCnn))
    {
        Channels = channels;
        Layers = layers;
        first = new MaskedConv2d(MaskType.A, 1, channels, 7);
        blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new MaskedConv2d(MaskType.B, channels, channels, 3)).ToArray());
        hidden = nn.Conv2d(channels, channels, 1);
        output = nn.Conv2d(channels, 1, 1);
        RegisterComponents();
    }

    /// <summary>Feature maps per layer.</summary>
    public int Channels { get; }

    /// <summary>Residual type-B layers.</summary>
    public int Layers { get; }

    /// <summary>Bernoulli logits N×1×H×W for binary images N×1×H×W.</summary>
    public override Tensor forward(Tensor x)
    {
        var h = first.forward(x);
        foreach (var block in blocks) h = h + block.forward(nn.functional.relu(h));
        return output.forward(nn.functional.relu(hidden.forward(nn.functional.relu(h))));
    }
}
