using StbImageSharp;
using StbImageWriteSharp;

namespace CourseKit.Imaging;

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
