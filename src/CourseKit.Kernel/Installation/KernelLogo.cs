using StbImageWriteSharp;

namespace CourseKit.Kernel.Installation;

/// <summary>The kernel's logo for kernel pickers: a violet disc with a white ring (drawn, so no binary is committed).</summary>
internal static class KernelLogo
{
    public static byte[] Png(int size)
    {
        var rgba = new byte[size * size * 4];
        double centre = (size - 1) / 2.0, radius = size / 2.0 - 1;
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            double r = Math.Sqrt((x - centre) * (x - centre) + (y - centre) * (y - centre)) / radius;
            int i = (y * size + x) * 4;
            (byte red, byte green, byte blue, byte alpha) = r switch
            {
                > 1 => ((byte)0, (byte)0, (byte)0, (byte)0),
                > 0.45 and < 0.62 => ((byte)255, (byte)255, (byte)255, (byte)255),
                _ => ((byte)104, (byte)33, (byte)122, (byte)255),
            };
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (red, green, blue, alpha);
        }
        using var png = new MemoryStream();
        new ImageWriter().WritePng(rgba, size, size, ColorComponents.RedGreenBlueAlpha, png);
        return png.ToArray();
    }
}
