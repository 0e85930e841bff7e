namespace CourseKit.Detection;

/// <summary>
/// An axis-aligned box in pixel coordinates: (X1, Y1) is the top-left corner, (X2, Y2) the bottom-right corner,
/// exclusive, so a box covering pixel columns 3..7 has X1 = 3, X2 = 8 and width 5.
/// </summary>
/// <param name="X1">Left edge.</param>
/// <param name="Y1">Top edge.</param>
/// <param name="X2">Right edge (exclusive).</param>
/// <param name="Y2">Bottom edge (exclusive).</param>
public readonly record struct Box(float X1, float Y1, float X2, float Y2)
{
    /// <summary>X2 − X1 (0 if negative).</summary>
    public float Width => Math.Max(0, X2 - X1);

    /// <summary>Y2 − Y1 (0 if negative).</summary>
    public float Height => Math.Max(0, Y2 - Y1);

    /// <summary>Width · Height.</summary>
    public float Area => Width * Height;

    /// <summary>The centre x.</summary>
    public float CenterX => (X1 + X2) / 2;

    /// <summary>The centre y.</summary>
    public float CenterY => (Y1 + Y2) / 2;

    /// <summary>Intersection over union: |A ∩ B| / |A ∪ B| (0 when both are empty).</summary>
    public double Iou(Box other)
    {
        double w = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        double h = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        double intersection = Math.Max(0, w) * Math.Max(0, h);
        double union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /// <summary>The smallest box holding both.</summary>
    public Box Union(Box other) => new(Math.Min(X1, other.X1), Math.Min(Y1, other.Y1), Math.Max(X2, other.X2), Math.Max(Y2, other.Y2));

    /// <summary>The box clipped to a width×height image.</summary>
    public Box Clip(int width, int height) =>
        new(Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height), Math.Clamp(X2, 0, width), Math.Clamp(Y2, 0, height));

    /// <summary>The box grown by <paramref name="margin"/> pixels on every side.</summary>
    public Box Expand(float margin) => new(X1 - margin, Y1 - margin, X2 + margin, Y2 + margin);

    /// <summary>"(x1, y1)–(x2, y2)".</summary>
    public override string ToString() => $"({X1:0.#}, {Y1:0.#})–({X2:0.#}, {Y2:0.#})";
}
