using CourseKit.Data;
using CourseKit.Imaging;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Detection;

/// <summary>Makes <see cref="SceneDataset"/>s.</summary>
public static class ClutteredScenes
{
    /// <summary>
    /// Generates <paramref name="count"/> scenes of size×size with <paramref name="minObjects"/>–<paramref name="maxObjects"/>
    /// objects each. Objects are the three <see cref="ShapeKind"/>s (sides 10–22 pixels, grey level 0.6–1) unless
    /// <paramref name="glyphs"/> is given (e.g. MNIST digits, N×1×h×w with labels; <paramref name="glyphClassNames"/>
    /// names them), in which case random glyphs are pasted at 16–24 pixels. Same seed, same scenes.
    /// </summary>
    public static SceneDataset Generate(int count, int seed, int size = 64, int minObjects = 1, int maxObjects = 4, int clutter = 4,
        double noise = 0.05, InMemoryDataset? glyphs = null, IReadOnlyList<string>? glyphClassNames = null)
    {
        if (count <= 0 || size < 32) throw new ArgumentException("need at least one scene of at least 32×32 pixels");
        if (minObjects < 0 || maxObjects < minObjects) throw new ArgumentException("need 0 ≤ minObjects ≤ maxObjects");
        var random = new Random(seed);
        var glyphSource = glyphs is null ? null : new GlyphSource(glyphs);
        var images = new float[count * size * size];
        var objects = new List<IReadOnlyList<LabeledBox>>();
        for (int n = 0; n < count; n++)
        {
            var canvas = new float[size * size];
            var placed = new List<LabeledBox>();
            int wanted = random.Next(minObjects, maxObjects + 1);
            for (int attempt = 0; attempt < 60 && placed.Count < wanted; attempt++)
            {
                var candidate = glyphSource is null ? PlaceShape(random, size) : glyphSource.Place(random, size);
                // Keep objects apart by 2 pixels, so each one is its own region.
                if (placed.Any(p => p.Box.Expand(2).Iou(candidate.Object.Box) > 0)) continue;
                candidate.Paint(canvas, size);
                placed.Add(candidate.Object);
            }
            AddClutter(canvas, size, clutter, placed, random);
            AddNoise(canvas, noise, random);
            Array.Copy(canvas, 0, images, n * size * size, canvas.Length);
            objects.Add(placed);
        }
        var names = glyphSource is null ? ShapeRaster.Names : glyphClassNames ?? Enumerable.Range(0, glyphSource.ClassCount).Select(i => i.ToString()).ToList();
        return new SceneDataset(tensor(images, new long[] { count, 1, size, size }), objects, names);
    }

    private sealed record Placement(LabeledBox Object, Action<float[], int> Paint);

    private static Placement PlaceShape(Random random, int size)
    {
        var kind = (ShapeKind)random.Next(3);
        int h = random.Next(10, 23), w = random.Next(10, 23);
        int top = random.Next(0, size - h + 1), left = random.Next(0, size - w + 1);
        float value = (float)(0.6 + 0.4 * random.NextDouble());
        return new Placement(new LabeledBox(new Box(left, top, left + w, top + h), (int)kind),
            (canvas, width) => ShapeRaster.Paint(canvas, width, kind, top, left, h, w, value));
    }

    /// <summary>Short strokes and small specks: bright things that are not objects (at most 5×5 pixels).</summary>
    private static void AddClutter(float[] canvas, int size, int count, List<LabeledBox> objects, Random random)
    {
        for (int k = 0, attempts = 0; k < count && attempts < 50; attempts++)
        {
            bool stroke = random.Next(2) == 0;
            int h = stroke ? (random.Next(2) == 0 ? 1 : random.Next(3, 6)) : random.Next(2, 4);
            int w = stroke ? (h == 1 ? random.Next(3, 6) : 1) : random.Next(2, 4);
            int top = random.Next(0, size - h), left = random.Next(0, size - w);
            var box = new Box(left, top, left + w, top + h);
            if (objects.Any(o => o.Box.Expand(3).Iou(box) > 0)) continue;
            float value = (float)(0.5 + 0.5 * random.NextDouble());
            for (int r = top; r < top + h; r++)
                for (int c = left; c < left + w; c++) canvas[r * size + c] = value;
            k++;
        }
    }

    private static void AddNoise(float[] canvas, double std, Random random)
    {
        if (std <= 0) return;
        for (int i = 0; i < canvas.Length; i++)
        {
            // Box–Muller.
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            canvas[i] = (float)Math.Clamp(canvas[i] + std * gaussian, 0, 1);
        }
    }

    /// <summary>Glyph images (e.g. digits) resized and pasted with their tight box.</summary>
    private sealed class GlyphSource
    {
        private readonly InMemoryDataset glyphs;
        private readonly long[] labels;

        public GlyphSource(InMemoryDataset glyphs)
        {
            if (glyphs.Inputs.dim() != 4 || glyphs.Inputs.shape[1] != 1)
                throw new ArgumentException($"glyphs must be N×1×h×w grey images, got shape {ShapeText.Of(glyphs.Inputs)}");
            this.glyphs = glyphs;
            using var t = glyphs.Targets.to(ScalarType.Int64).contiguous();
            labels = t.data<long>().ToArray();
            ClassCount = (int)labels.Max() + 1;
        }

        public int ClassCount { get; }

        public Placement Place(Random random, int size)
        {
            int index = random.Next(glyphs.Count), side = random.Next(16, 25);
            float[] pixels;
            using (var scope = NewDisposeScope())
            {
                var glyph = F.interpolate(glyphs.Inputs[index].unsqueeze(0), new long[] { side, side }, mode: InterpolationMode.Bilinear, align_corners: false);
                pixels = glyph.contiguous().data<float>().ToArray();
            }
            // The tight box: rows and columns with ink.
            int top = side, bottom = -1, left = side, right = -1;
            for (int r = 0; r < side; r++)
                for (int c = 0; c < side; c++)
                    if (pixels[r * side + c] > 0.2f) { top = Math.Min(top, r); bottom = Math.Max(bottom, r); left = Math.Min(left, c); right = Math.Max(right, c); }
            if (bottom < 0) { top = 0; bottom = side - 1; left = 0; right = side - 1; }
            int y = random.Next(0, size - side + 1), x = random.Next(0, size - side + 1);
            var box = new Box(x + left, y + top, x + right + 1, y + bottom + 1);
            return new Placement(new LabeledBox(box, (int)labels[index]), (canvas, width) =>
            {
                for (int r = 0; r < side; r++)
                    for (int c = 0; c < side; c++)
                    {
                        float v = pixels[r * side + c] > 0.2f ? pixels[r * side + c] : 0;
                        int i = (y + r) * width + x + c;
                        canvas[i] = Math.Max(canvas[i], v);
                    }
            });
        }
    }
}
