using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>A small GoogLeNet: a stem, two Inception blocks with pooling between, global average pooling, linear.</summary>
public sealed class SmallGoogLeNet : StagedModel
{
    /// <summary>Stem of 32 channels, Inception blocks of 64 and 96 channels.</summary>
    public SmallGoogLeNet(int classes = 10, int inputChannels = 1)
        : base("SmallGoogLeNet",
            ("stem", Sequential(Conv2d(inputChannels, 32, 3, padding: 1), ReLU(), MaxPool2d(2))),
            ("inception1", new InceptionBlock(32, 16, 16, 24, 4, 8, 16)),
            ("pool", MaxPool2d(2)),
            ("inception2", new InceptionBlock(64, 24, 24, 40, 8, 16, 16)),
            ("gap", AdaptiveAvgPool2d(1)), ("flatten", Flatten()),
            ("output", Linear(96, classes))) { }
}
