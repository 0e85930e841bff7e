using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// A compact AlexNet-style network (Krizhevsky, Sutskever and Hinton, 2012) for 28×28 images: a large first
/// kernel, ReLU, overlapping max pooling, then wide fully connected layers with dropout — most parameters sit in
/// the fully connected layers, as in the original.
/// </summary>
public sealed class SmallAlexNet : StagedModel
{
    /// <summary>Five convolutions (one 5×5, four 3×3) and three fully connected layers.</summary>
    public SmallAlexNet(int classes = 10, int inputChannels = 1)
        : base("SmallAlexNet",
            ("conv1", Conv2d(inputChannels, 24, 5, padding: 2)), ("relu1", ReLU()), ("pool1", MaxPool2d(3, stride: 2)),
            ("conv2", Conv2d(24, 48, 3, padding: 1)), ("relu2", ReLU()), ("pool2", MaxPool2d(3, stride: 2)),
            ("conv3", Conv2d(48, 64, 3, padding: 1)), ("relu3", ReLU()),
            ("conv4", Conv2d(64, 64, 3, padding: 1)), ("relu4", ReLU()),
            ("conv5", Conv2d(64, 48, 3, padding: 1)), ("relu5", ReLU()), ("pool5", MaxPool2d(3, stride: 2)),
            ("flatten", Flatten()),
            ("dropout6", Dropout(0.5)), ("fc6", Linear(48 * 2 * 2, 256)), ("relu6", ReLU()),
            ("dropout7", Dropout(0.5)), ("fc7", Linear(256, 256)), ("relu7", ReLU()),
            ("output", Linear(256, classes))) { }
}
