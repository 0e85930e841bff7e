using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Detection;

/// <summary>Draws box outlines into images so they can be shown with <c>Pictures.ShowImages</c>.</summary>
public static class BoxDrawing
{
    /// <summary>Green, for true boxes.</summary>
    public static readonly float[] Green = { 0.1f, 0.9f, 0.1f };

    /// <summary>Red, for predicted boxes.</summary>
    public static readonly float[] Red = { 1f, 0.15f, 0.1f };

    /// <summary>
    /// An RGB copy (3×H×W) of <paramref name="image"/> (1×H×W or 3×H×W) with the true boxes in green and the
    /// predicted boxes in red, as 1-pixel outlines.
    /// </summary>
    public static Tensor Draw(Tensor image, IEnumerable<Box> truth, IEnumerable<Box> predicted)
    {
        int h = (int)image.shape[1], w = (int)image.shape[2];
        using var rgb = image.shape[0] == 1 ? image.expand(3, -1, -1).contiguous() : image.contiguous();
        var pixels = rgb.to(ScalarType.Float32).data<float>().ToArray();
        foreach (var box in truth) Outline(pixels, h, w, box, Green);
        foreach (var box in predicted) Outline(pixels, h, w, box, Red);
        return tensor(pixels, new long[] { 3, h, w });
    }

    private static void Outline(float[] pixels, int h, int w, Box box, float[] colour)
    {
        int x1 = Math.Clamp((int)MathF.Round(box.X1), 0, w - 1), x2 = Math.Clamp((int)MathF.Round(box.X2) - 1, 0, w - 1);
        int y1 = Math.Clamp((int)MathF.Round(box.Y1), 0, h - 1), y2 = Math.Clamp((int)MathF.Round(box.Y2) - 1, 0, h - 1);
        for (int x = x1; x <= x2; x++) { Set(pixels, h, w, y1, x, colour); Set(pixels, h, w, y2, x, colour); }
        for (int y = y1; y <= y2; y++) { Set(pixels, h, w, y, x1, colour); Set(pixels, h, w, y, x2, colour); }
    }

    private static void Set(float[] pixels, int h, int w, int y, int x, float[] colour)
    {
        for (int c = 0; c < 3; c++) pixels[c * h * w + y * w + x] = colour[c];
    }
}
