using CourseKit.Data;
using CourseKit.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Segmentation;

/// <summary>
/// A seeded synthetic semantic-segmentation set: grey images of overlapping filled shapes on a noisy
/// background, with a class per pixel (0 = background, 1 + <see cref="ShapeKind"/> for the shapes; a later shape
/// covers an earlier one). Inputs N×1×S×S in [0, 1], targets N×S×S int64.
/// </summary>
public static class ShapeMasks
{
    /// <summary>Class names, indexed by pixel label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = new[] { "background" }.Concat(ShapeRaster.Names).ToList();

    /// <summary>Generates <paramref name="count"/> image/mask pairs of size×size with 1–3 shapes each.</summary>
    public static InMemoryDataset Generate(int count, int seed, int size = 32, double noise = 0.1)
    {
        if (count <= 0 || size < 16) throw new ArgumentException("need at least one image of at least 16×16 pixels");
        var random = new Random(seed);
        var images = new float[count * size * size];
        var masks = new long[count * size * size];
        for (int n = 0; n < count; n++)
        {
            var canvas = new float[size * size];
            var labels = new int[size * size];
            int shapes = random.Next(1, 4);
            for (int s = 0; s < shapes; s++)
            {
                var kind = (ShapeKind)random.Next(3);
                int h = random.Next(size / 4, size / 2 + 1), w = random.Next(size / 4, size / 2 + 1);
                int top = random.Next(0, size - h + 1), left = random.Next(0, size - w + 1);
                float value = (float)(0.45 + 0.55 * random.NextDouble());
                ShapeRaster.Paint(canvas, size, kind, top, left, h, w, value, labels, 1 + (int)kind);
            }
            for (int i = 0; i < canvas.Length; i++)
            {
                double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                images[n * size * size + i] = (float)Math.Clamp(canvas[i] + 0.15 + noise * gaussian, 0, 1);
                masks[n * size * size + i] = labels[i];
            }
        }
        return new InMemoryDataset(tensor(images, new long[] { count, 1, size, size }), tensor(masks, new long[] { count, size, size }));
    }
}
