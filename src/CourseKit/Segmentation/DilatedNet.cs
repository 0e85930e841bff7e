using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

/// <summary>
/// The segmentation lecture's "Alternative I" (dilated convolutions, Yu and Koltun 2016, "Multi-Scale Context Aggregation by Dilated Convolutions"): no pooling at all, so no resolution is lost; the receptive field grows with
/// dilated convolutions instead (dilations 1, 2, 4, 8: k * I, k'₂ * k * I, k''₄ * k'₂ * k * I …).
/// </summary>
public sealed class DilatedNet : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>A dilated network for <paramref name="classes"/> classes.</summary>
    public DilatedNet(int classes, int width = 16) : base(nameof(DilatedNet))
    {
        layers = Sequential(
            Conv2d(1, width, 3, padding: 1), ReLU(),
            Conv2d(width, width, 3, padding: 2, dilation: 2), ReLU(),
            Conv2d(width, width, 3, padding: 4, dilation: 4), ReLU(),
            Conv2d(width, width, 3, padding: 8, dilation: 8), ReLU(),
            Conv2d(width, width, 3, padding: 1), ReLU(),
            Conv2d(width, classes, 1));
        RegisterComponents();
    }

    /// <summary>N×1×H×W → N×K×H×W scores.</summary>
    public override Tensor forward(Tensor input) => layers.forward(input);
}
