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

/// <summary>
/// Decodes and encodes image files. The kit uses one implementation at a time (<see cref="ImageFile.Codec"/>),
/// so the pure-managed Stb codec can be swapped for another library (e.g. SixLabors.ImageSharp) in one place.
/// </summary>
public interface IImageCodec
{
    /// <summary>Decodes a PNG or JPEG file's bytes to grey (1 channel) or RGB (3 channels); alpha is dropped.</summary>
    RawImage Decode(byte[] encoded);

    /// <summary>Encodes as PNG (lossless).</summary>
    byte[] EncodePng(RawImage image);

    /// <summary>Encodes as JPEG with <paramref name="quality"/> 1–100 (lossy).</summary>
    byte[] EncodeJpeg(RawImage image, int quality);
}

/// <summary>The kit's codec: StbImageSharp to read, StbImageWriteSharp to write (pure managed code).</summary>
public sealed class StbImageCodec : IImageCodec
{
    /// <inheritdoc/>
    public RawImage Decode(byte[] encoded)
    {
        var info = ImageInfo.FromStream(new MemoryStream(encoded))
            ?? throw new InvalidDataException("not a PNG, JPEG, BMP, GIF, TGA, PSD or HDR image (unrecognised header)");
        bool grey = info.ColorComponents is StbImageSharp.ColorComponents.Grey or StbImageSharp.ColorComponents.GreyAlpha;
        var result = ImageResult.FromMemory(encoded,
            grey ? StbImageSharp.ColorComponents.Grey : StbImageSharp.ColorComponents.RedGreenBlue);
        return new RawImage(result.Width, result.Height, grey ? 1 : 3, result.Data).Validate();
    }

    /// <inheritdoc/>
    public byte[] EncodePng(RawImage image)
    {
        image.Validate();
        using var output = new MemoryStream();
        new ImageWriter().WritePng(image.Pixels, image.Width, image.Height, WriterComponents(image), output);
        return output.ToArray();
    }

    /// <inheritdoc/>
    public byte[] EncodeJpeg(RawImage image, int quality)
    {
        image.Validate();
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), quality, "JPEG quality is 1–100");
        using var output = new MemoryStream();
        new ImageWriter().WriteJpg(image.Pixels, image.Width, image.Height, WriterComponents(image), output, quality);
        return output.ToArray();
    }

    private static StbImageWriteSharp.ColorComponents WriterComponents(RawImage image) =>
        image.Channels == 1 ? StbImageWriteSharp.ColorComponents.Grey : StbImageWriteSharp.ColorComponents.RedGreenBlue;
}
