using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// LeNet-5 (LeCun, Bottou, Bengio and Haffner, 1998) in its original layout, for 1×28×28 digits:
/// <code>
/// input 32×32 (MNIST's 28×28 with 2 pixels of zero padding, done by C1's padding = 2)
/// C1  6@28×28  conv 5×5        S2  6@14×14  2×2 pooling
/// C3 16@10×10  conv 5×5        S4 16@5×5    2×2 pooling
/// C5 120@1×1   conv 5×5 (a fully connected layer in effect)
/// F6 84        fully connected output 10
/// </code>
/// 61,706 parameters. By default it uses ReLU and max pooling: they train to ≥ 98.8% in a couple of epochs with
/// Adam. <c>original: true</c> gives the 1998 choices instead, tanh and average pooling ("subsampling"), which
/// train a little slower to about the same accuracy (the 1998 paper's trainable subsampling coefficients and its
/// sparse C3 connection table are left out, as every modern re-implementation does).
/// </summary>
public sealed class LeNet5 : StagedModel
{
    /// <summary>LeNet-5 for <paramref name="inputChannels"/>×<paramref name="inputSize"/>² inputs (28 or 32).</summary>
    public LeNet5(int classes = 10, bool original = false, int inputChannels = 1, int inputSize = 28)
        : base("LeNet5", Layout(classes, original, inputChannels, inputSize)) { }

    private static (string, Module<Tensor, Tensor>)[] Layout(int classes, bool original, int inputChannels, int inputSize)
    {
        if (inputSize != 28 && inputSize != 32)
            throw new ArgumentException($"LeNet-5 takes 28×28 (padded to 32) or 32×32 inputs, not {inputSize}×{inputSize}; resize the images first.");
        Module<Tensor, Tensor> Act() => original ? Tanh() : ReLU();
        Module<Tensor, Tensor> Pool() => original ? AvgPool2d(2) : MaxPool2d(2);
        return
        [
            ("c1", Conv2d(inputChannels, 6, 5, padding: (32 - inputSize) / 2)), ("a1", Act()), ("s2", Pool()),
            ("c3", Conv2d(6, 16, 5)), ("a3", Act()), ("s4", Pool()),
            ("c5", Conv2d(16, 120, 5)), ("a5", Act()), ("flatten", Flatten()),
            ("f6", Linear(120, 84)), ("a6", Act()),
            ("output", Linear(84, classes)),
        ];
    }
}
