using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Imaging;

/// <summary>How <see cref="Filtering"/> pads the border.</summary>
public enum FilterPadding
{
    /// <summary>No padding: the kernel stays inside the image, so the output shrinks by (kernel − 1).</summary>
    Valid,

    /// <summary>Zero padding of (kernel − 1)/2 on each side (the extra one right/bottom for even kernels), so the output has the input's size (stride 1).</summary>
    Same,
}
