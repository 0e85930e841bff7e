using CourseKit.Data;
using CourseKit.Imaging;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Detection;

/// <summary>
/// A seeded set of cluttered scenes for detection (the detection lecture: "an object may be in a cluttered scene"):
/// objects (filled shapes, or digit images if given) at random non-overlapping places on a dark canvas, plus
/// clutter (small strokes and specks that are not objects) and pixel noise. Images N×1×H×W, boxes tight.
/// </summary>
public sealed class SceneDataset : IDisposable
{
    internal SceneDataset(Tensor images, IReadOnlyList<IReadOnlyList<LabeledBox>> objects, IReadOnlyList<string> classNames)
    {
        Images = images;
        Objects = objects;
        ClassNames = classNames;
    }

    /// <summary>N×1×H×W images in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>The objects of each image.</summary>
    public IReadOnlyList<IReadOnlyList<LabeledBox>> Objects { get; }

    /// <summary>Class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of scenes.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Scene <paramref name="index"/> (the image is a view into <see cref="Images"/>).</summary>
    public Scene this[int index] => new(Images[index], Objects[index]);

    /// <inheritdoc/>
    public void Dispose() => Images.Dispose();
}
