using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// The gated PixelCNN for binary images: a 7×7 <see cref="GatedMaskedLayer"/> on the image, gated 3×3 layers after it,
/// then 1×1 convolutions from the horizontal stack to one Bernoulli logit per pixel. Unlike <see cref="PixelCnn"/>, its
/// receptive field is the whole past window, with no blind spot: after L layers of 3×3, output (r, c) sees rows r − 3 − L
/// to r − 1 across columns c ± (3 + L), and the 3 + L pixels to its left.
/// </summary>
public sealed class GatedPixelCnn : AutoregressiveImageModel
{
    private readonly GatedMaskedLayer first;
    private readonly ModuleList<GatedMaskedLayer> layers;
    private readonly Conv2d hidden, output;

    /// <summary>Creates the network.</summary>
    /// <param name="channels">Feature maps of each stack.</param>
    /// <param name="layers">Gated 3×3 layers after the first 7×7 one.</param>
    public GatedPixelCnn(int channels = 32, int layers = 5) : base(nameof(GatedPixelCnn))
    {
        Channels = channels;
        Layers = layers;
        first = new GatedMaskedLayer(1, channels, 7, first: true);
        this.layers = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new GatedMaskedLayer(channels, channels, 3, first: false)).ToArray());
        hidden = nn.Conv2d(channels, channels, 1);
        output = nn.Conv2d(channels, 1, 1);
        RegisterComponents();
    }

    /// <summary>Feature maps of each stack.</summary>
    public int Channels { get; }

    /// <summary>Gated 3×3 layers after the first.</summary>
    public int Layers { get; }

    /// <summary>Bernoulli logits N×1×H×W for binary images N×1×H×W.</summary>
    public override Tensor forward(Tensor x)
    {
        var (vertical, horizontal) = first.forward(x, x);
        foreach (var layer in layers) (vertical, horizontal) = layer.forward(vertical, horizontal);
        return output.forward(nn.functional.relu(hidden.forward(horizontal)));
    }
}
