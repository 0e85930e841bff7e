using StbImageSharp;
using StbImageWriteSharp;

namespace CourseKit.Imaging;

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
