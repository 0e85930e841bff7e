using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// A residual block (He et al., 2015): y = ReLU(F(x) + shortcut(x)) with F = conv-BN-ReLU-conv-BN. The shortcut is
/// the identity, or a 1×1 convolution when the block changes the channels or the resolution.
/// </summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> residual;
    private readonly Module<Tensor, Tensor> shortcut;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>, downsampling by <paramref name="stride"/>.</summary>
    public ResidualBlock(int inChannels, int outChannels, int stride = 1) : base("ResidualBlock")
    {
        residual = Sequential(
            Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false), BatchNorm2d(outChannels), ReLU(),
            Conv2d(outChannels, outChannels, 3, padding: 1, bias: false), BatchNorm2d(outChannels));
        shortcut = stride == 1 && inChannels == outChannels
            ? Identity()
            : Sequential(Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), BatchNorm2d(outChannels));
        RegisterComponents();
    }

    /// <summary>y = ReLU(F(x) + shortcut(x)).</summary>
    public override Tensor forward(Tensor x) => functional.relu(residual.forward(x) + shortcut.forward(x));
}
