using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// A small VGG-style network (Simonyan and Zisserman, 2014): only 3×3 convolutions, two per block, each block
/// ending in 2×2 max pooling and doubling the channels; then two fully connected layers. Batch norm after each
/// convolution so it trains in a few epochs on a CPU.
/// </summary>
public sealed class SmallVgg : StagedModel
{
    /// <summary>Three blocks of <paramref name="width"/>, 2×, 4× channels for <paramref name="inputSize"/>² images.</summary>
    public SmallVgg(int classes = 10, int inputChannels = 1, int width = 16, int inputSize = 28)
        : base("SmallVgg",
            ("block1", Block(inputChannels, width)),
            ("block2", Block(width, 2 * width)),
            ("block3", Block(2 * width, 4 * width)),
            ("flatten", Flatten()),
            ("fc1", Linear(4 * width * (inputSize / 8) * (inputSize / 8), 128)), ("relu", ReLU()), ("dropout", Dropout(0.3)),
            ("output", Linear(128, classes))) { }

    private static Module<Tensor, Tensor> Block(int inChannels, int outChannels) => Sequential(
        Conv2d(inChannels, outChannels, 3, padding: 1), BatchNorm2d(outChannels), ReLU(),
        Conv2d(outChannels, outChannels, 3, padding: 1), BatchNorm2d(outChannels), ReLU(),
        MaxPool2d(2));
}
