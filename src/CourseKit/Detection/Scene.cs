using CourseKit.Data;
using CourseKit.Imaging;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Detection;

/// <summary>One synthetic scene: a grey image and the objects in it.</summary>
/// <param name="Image">1×H×W in [0, 1].</param>
/// <param name="Objects">The true boxes and classes.</param>
public sealed record Scene(Tensor Image, IReadOnlyList<LabeledBox> Objects);
