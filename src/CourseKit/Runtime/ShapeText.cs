using TorchSharp;

namespace CourseKit.Runtime;

/// <summary>
/// Writes a tensor's shape the way PyTorch prints <c>torch.Size</c>: <c>[128, 1, 28, 28]</c>. Every message and
/// summary in the kit that names a shape uses it, so shapes read alike everywhere.
/// </summary>
/// <example>
/// <code>
/// var x = torch.zeros(128, 1, 28, 28);
/// Console.WriteLine($"expected N×C×H×W, got {ShapeText.Of(x)}");   // expected N×C×H×W, got [128, 1, 28, 28]
/// </code>
/// </example>
public static class ShapeText
{
    /// <summary>The shape of <paramref name="tensor"/>, as <c>[d0, d1, …]</c>.</summary>
    public static string Of(torch.Tensor tensor) => OfSizes(tensor.shape);

    /// <summary>A shape given as its sizes, as <c>[d0, d1, …]</c>.</summary>
    public static string OfSizes(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>A shape given as 32-bit sizes (an IDX file's header), as <c>[d0, d1, …]</c>.</summary>
    public static string OfSizes(IEnumerable<int> shape) => OfSizes(shape.Select(size => (long)size));
}
