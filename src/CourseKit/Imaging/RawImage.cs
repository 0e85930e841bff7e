using StbImageSharp;
using StbImageWriteSharp;

namespace CourseKit.Imaging;

/// <summary>
/// An image as 8-bit pixels in the order files store them: rows top to bottom, and within a pixel its
/// channels (height×width×channels, "HWC"). One channel is grey, three are red, green, blue.
/// </summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">1 (grey) or 3 (RGB).</param>
/// <param name="Pixels">Height·Width·Channels bytes.</param>
public sealed record RawImage(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>Checks the sizes agree.</summary>
    /// <exception cref="ArgumentException">They do not.</exception>
    public RawImage Validate()
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentException($"an image needs a positive size, got {Width}×{Height}");
        if (Channels is not (1 or 3)) throw new ArgumentException($"an image has 1 (grey) or 3 (RGB) channels, got {Channels}");
        if (Pixels.Length != (long)Width * Height * Channels)
            throw new ArgumentException($"a {Width}×{Height}×{Channels} image needs {(long)Width * Height * Channels} bytes, got {Pixels.Length}");
        return this;
    }
}
