namespace CourseKit.Imaging;

/// <summary>
/// Draws filled shapes into plain float arrays (row-major H×W), fast and exact, so synthetic datasets can be
/// generated without tensor overhead. Every shape fills its box tightly: the box is the true bounding box.
/// </summary>
public static class ShapeRaster
{
    /// <summary>The shape names, indexed by <see cref="ShapeKind"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { "rectangle", "ellipse", "triangle" };

    /// <summary>Whether pixel (row, col) of a height×width box belongs to the shape (pixel centres are tested).</summary>
    public static bool Contains(ShapeKind kind, int row, int col, int height, int width)
    {
        double y = row + 0.5, x = col + 0.5;
        switch (kind)
        {
            case ShapeKind.Rectangle:
                return true;
            case ShapeKind.Ellipse:
                double dx = (x - width / 2.0) / (width / 2.0), dy = (y - height / 2.0) / (height / 2.0);
                return dx * dx + dy * dy <= 1.0;
            case ShapeKind.Triangle:
                // Half-width grows linearly from 0 at the top to width/2 at the bottom; widen by half a pixel so
                // the top row is never empty.
                double halfWidth = width / 2.0 * y / height + 0.5;
                return Math.Abs(x - width / 2.0) <= halfWidth;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown shape");
        }
    }

    /// <summary>
    /// Paints the shape with <paramref name="value"/> into <paramref name="canvas"/> (canvasWidth wide) with its
    /// box's top-left corner at (top, left); pixels outside the canvas are skipped. Returns the pixels painted.
    /// </summary>
    public static int Paint(float[] canvas, int canvasWidth, ShapeKind kind, int top, int left, int height, int width, float value, int[]? labels = null, int label = 0)
    {
        int canvasHeight = canvas.Length / canvasWidth, painted = 0;
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                int y = top + r, x = left + c;
                if (y < 0 || y >= canvasHeight || x < 0 || x >= canvasWidth || !Contains(kind, r, c, height, width)) continue;
                canvas[y * canvasWidth + x] = value;
                if (labels is not null) labels[y * canvasWidth + x] = label;
                painted++;
            }
        return painted;
    }
}
