namespace CourseKit.Imaging;

/// <summary>The filled shapes the synthetic detection and segmentation scenes are made of.</summary>
public enum ShapeKind
{
    /// <summary>An axis-aligned filled rectangle.</summary>
    Rectangle,
    /// <summary>A filled ellipse touching the four sides of its box.</summary>
    Ellipse,
    /// <summary>A filled triangle: base on the bottom row, apex in the middle of the top row.</summary>
    Triangle,
}
