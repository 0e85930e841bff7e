using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// An Inception module (Szegedy et al., 2014, GoogLeNet): four parallel branches — 1×1, 1×1→3×3, 1×1→5×5 and
/// 3×3 max pooling→1×1 — concatenated along the channels. The 1×1 convolutions shrink the channels first, which
/// keeps the wide block cheap.
/// </summary>
public sealed class InceptionBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> branch1, branch3, branch5, branchPool;

    /// <summary>A block whose output has <c>c1 + c3 + c5 + cPool</c> channels.</summary>
    public InceptionBlock(int inChannels, int c1, int reduce3, int c3, int reduce5, int c5, int cPool) : base("InceptionBlock")
    {
        branch1 = Sequential(Conv2d(inChannels, c1, 1), ReLU());
        branch3 = Sequential(Conv2d(inChannels, reduce3, 1), ReLU(), Conv2d(reduce3, c3, 3, padding: 1), ReLU());
        branch5 = Sequential(Conv2d(inChannels, reduce5, 1), ReLU(), Conv2d(reduce5, c5, 5, padding: 2), ReLU());
        branchPool = Sequential(MaxPool2d(3, stride: 1, padding: 1), Conv2d(inChannels, cPool, 1), ReLU());
        RegisterComponents();
    }

    /// <summary>The four branches side by side.</summary>
    public override Tensor forward(Tensor x) =>
        cat([branch1.forward(x), branch3.forward(x), branch5.forward(x), branchPool.forward(x)], 1);
}
