using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>conv 3×3 (3 features) → ReLU → 2×2 max pooling → fully connected → 2 classes, for 1×9×9 inputs.</summary>
public sealed class XsAndOsNet : StagedModel
{
    /// <summary>The network; optionally with the lecture's hand-made features as the convolution's filters.</summary>
    public XsAndOsNet(bool handMadeFeatures = false)
        : base("XsAndOsNet",
            ("convolution", Conv2d(1, 3, 3)), ("relu", ReLU()), ("pooling", MaxPool2d(2)),
            ("flatten", Flatten()), ("fully_connected", Linear(3 * 3 * 3, 2)))
    {
        if (!handMadeFeatures) return;
        using var noGrad = no_grad();
        using var features = XsAndOs.Features();
        var convolution = (TorchSharp.Modules.Conv2d)Stages[0].Stage;
        convolution.weight!.copy_(features);
        convolution.bias!.zero_();
    }

    /// <summary>The convolution's filters, 3×1×3×3 (what the network looks for).</summary>
    public Tensor Filters => ((TorchSharp.Modules.Conv2d)Stages[0].Stage).weight!;
}
