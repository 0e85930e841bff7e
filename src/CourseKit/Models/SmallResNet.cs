using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// A small ResNet: a 3×3 stem, three stages of residual blocks (the second and third halve the resolution and
/// double the channels), global average pooling and one linear layer.
/// </summary>
public sealed class SmallResNet : StagedModel
{
    /// <summary>Stages of <paramref name="width"/>, 2×, 4× channels.</summary>
    public SmallResNet(int classes = 10, int inputChannels = 1, int width = 16)
        : base("SmallResNet",
            ("stem", Sequential(Conv2d(inputChannels, width, 3, padding: 1, bias: false), BatchNorm2d(width), ReLU())),
            ("stage1", new ResidualBlock(width, width)),
            ("stage2", new ResidualBlock(width, 2 * width, stride: 2)),
            ("stage3", new ResidualBlock(2 * width, 4 * width, stride: 2)),
            ("gap", AdaptiveAvgPool2d(1)), ("flatten", Flatten()),
            ("output", Linear(4 * width, classes))) { }
}
