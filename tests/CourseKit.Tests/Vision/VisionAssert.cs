using static TorchSharp.torch;

namespace CourseKit.Tests.Vision;

/// <summary>Exact tensor comparisons for the vision tests.</summary>
internal static class VisionAssert
{
    /// <summary>Same shape and every element equal.</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
