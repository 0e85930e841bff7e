using static TorchSharp.torch;

namespace CourseKit.Imaging;

/// <summary>Lays images out in a grid, each with an optional label underneath, as one PNG.</summary>
public static class ImageGrid
{
    /// <summary>Pixels between tiles and around the grid.</summary>
    public const int Gap = 2;

    private static readonly (byte R, byte G, byte B) Ink = (0, 0, 0);

    /// <summary>
    /// One PNG showing <paramref name="images"/> (N×C×H×W, C×H×W or H×W; C = 1 or 3; values in [0,1], clamped) in rows of
    /// <paramref name="columns"/>, each pixel drawn as a <paramref name="scale"/>×<paramref name="scale"/> block, with
    /// <paramref name="labels"/> (one per image) written underneath in a small bitmap font. Tiles widen to fit long labels.
    /// </summary>
    public static byte[] Png(Tensor images, IReadOnlyList<string>? labels = null, int columns = 8, int scale = 2) =>
        ImageFile.Codec.EncodePng(Compose(images, labels, columns, scale));

    /// <summary>The grid as RGB pixels (what <see cref="Png"/> encodes).</summary>
    public static RawImage Compose(Tensor images, IReadOnlyList<string>? labels = null, int columns = 8, int scale = 2)
    {
        if (columns <= 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "a grid needs at least one column");
        if (scale <= 0) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale must be a positive whole number");
        using var scope = NewDisposeScope();
        var batch = ImageTensor.AsBatch(images);
        int count = (int)batch.shape[0], channels = (int)batch.shape[1];
        int height = (int)batch.shape[2], width = (int)batch.shape[3];
        if (channels is not (1 or 3)) throw new ArgumentException($"images need 1 or 3 channels, got {channels}", nameof(images));
        if (count == 0) throw new ArgumentException("there are no images to show", nameof(images));
        if (labels is not null && labels.Count != count)
            throw new ArgumentException($"{count} images but {labels.Count} labels; give one label per image", nameof(labels));

        var pixels = batch.detach().cpu().to_type(ScalarType.Float32).clamp(0f, 1f).mul(255f).round().to_type(ScalarType.Byte)
            .contiguous().data<byte>().ToArray();

        int fontScale = scale >= 3 ? 2 : 1;
        int labelWidth = labels is null ? 0 : labels.Max(l => BitmapFont.MeasureWidth(l, fontScale)) + 2 * Gap;   // room between neighbouring labels
        int labelHeight = labels is null ? 0 : BitmapFont.GlyphHeight * fontScale + 2 * Gap;
        int tileWidth = Math.Max(width * scale, labelWidth);
        int tileHeight = height * scale + labelHeight;
        int gridColumns = Math.Min(columns, count);
        int gridRows = (count + gridColumns - 1) / gridColumns;
        int outWidth = Gap + gridColumns * (tileWidth + Gap);
        int outHeight = Gap + gridRows * (tileHeight + Gap);

        var rgb = new byte[outWidth * outHeight * 3];
        Array.Fill(rgb, (byte)255);
        for (int n = 0; n < count; n++)
        {
            int left = Gap + (n % gridColumns) * (tileWidth + Gap);
            int top = Gap + (n / gridColumns) * (tileHeight + Gap);
            int imageLeft = left + (tileWidth - width * scale) / 2;
            CopyScaled(pixels, n, channels, height, width, scale, rgb, outWidth, imageLeft, top);
            if (labels is not null)
            {
                int textLeft = left + (tileWidth - BitmapFont.MeasureWidth(labels[n], fontScale)) / 2;
                BitmapFont.Draw(rgb, outWidth, outHeight, labels[n], textLeft, top + height * scale + Gap, Ink, fontScale);
            }
        }
        return new RawImage(outWidth, outHeight, 3, rgb);
    }

    /// <summary>Copies image <paramref name="n"/> of an N×C×H×W byte array into the RGB canvas, each pixel a scale×scale block.</summary>
    private static void CopyScaled(byte[] pixels, int n, int channels, int height, int width, int scale,
        byte[] canvas, int canvasWidth, int left, int top)
    {
        int plane = height * width;
        int imageStart = n * channels * plane;
        for (int y = 0; y < height * scale; y++)
            for (int x = 0; x < width * scale; x++)
            {
                int source = (y / scale) * width + (x / scale);
                int at = ((top + y) * canvasWidth + left + x) * 3;
                for (int c = 0; c < 3; c++)
                    canvas[at + c] = pixels[imageStart + (channels == 1 ? 0 : c) * plane + source];
            }
    }
}
