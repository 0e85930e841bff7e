using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Segmentation;

/// <summary>The geometry of one layer that slides a window: kernel size, stride and dilation.</summary>
/// <param name="Name">A label for printing.</param>
/// <param name="Kernel">Kernel size k.</param>
/// <param name="Stride">Stride s.</param>
/// <param name="Dilation">Dilation d (1 = ordinary).</param>
public sealed record LayerGeometry(string Name, int Kernel, int Stride = 1, int Dilation = 1);
