using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Imaging;

/// <summary>
/// Converts between image files' pixel layout and the tensors networks use, and does the small image
/// operations the course needs. Files store bytes H×W×C in [0,255]; the kit's tensors are float32 C×H×W
/// (or N×C×H×W) in [0,1]: value = byte / 255.
/// </summary>
public static class ImageTensor
{
    /// <summary>Weights of red, green and blue in the luma of ITU-R BT.601 (the same as PIL and torchvision use).</summary>
    public static readonly float[] LumaWeights = [0.299f, 0.587f, 0.114f];

    /// <summary>H×W×C bytes in [0,255] → C×H×W float32 in [0,1].</summary>
    public static Tensor FromRaw(RawImage image)
    {
        image.Validate();
        using var scope = NewDisposeScope();
        var hwc = tensor(image.Pixels, new long[] { image.Height, image.Width, image.Channels }, dtype: ScalarType.Byte);
        var chw = hwc.permute(2, 0, 1).to_type(ScalarType.Float32).div(255f).contiguous();
        return chw.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A C×H×W (C = 1 or 3) or H×W tensor in [0,1] → H×W×C bytes: values are clamped to [0,1], times 255, rounded.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not a grey or RGB image.</exception>
    public static RawImage ToRaw(Tensor image)
    {
        using var scope = NewDisposeScope();
        var chw = image.dim() == 2 ? image.unsqueeze(0) : image;
        if (chw.dim() != 3 || chw.shape[0] is not (1 or 3))
            throw new ArgumentException($"an image tensor is H×W, 1×H×W or 3×H×W; got shape {ShapeText.Of(image)}", nameof(image));
        var bytes = chw.detach().cpu().to_type(ScalarType.Float32).clamp(0f, 1f).mul(255f).round()
            .to_type(ScalarType.Byte).permute(1, 2, 0).contiguous();
        return new RawImage((int)chw.shape[2], (int)chw.shape[1], (int)chw.shape[0], bytes.data<byte>().ToArray());
    }

    /// <summary>
    /// RGB → grey: Y = 0.299 R + 0.587 G + 0.114 B (BT.601). Takes C×H×W or N×C×H×W; a grey image is returned as a copy.
    /// </summary>
    public static Tensor ToGrey(Tensor image)
    {
        int channelDim = ChannelDim(image);
        long channels = image.shape[channelDim];
        if (channels == 1) return image.clone();
        if (channels != 3) throw new ArgumentException($"ToGrey needs 1 or 3 channels, got {channels}", nameof(image));
        using var scope = NewDisposeScope();
        var weights = tensor(LumaWeights, dtype: image.dtype, device: image.device).view(3, 1, 1);
        return (image * weights).sum(channelDim, keepdim: true).MoveToOuterDisposeScope();
    }

    /// <summary>Grey → RGB by repeating the channel three times. Takes C×H×W or N×C×H×W; an RGB image is returned as a copy.</summary>
    public static Tensor ToRgb(Tensor image)
    {
        int channelDim = ChannelDim(image);
        long channels = image.shape[channelDim];
        if (channels == 3) return image.clone();
        if (channels != 1) throw new ArgumentException($"ToRgb needs 1 or 3 channels, got {channels}", nameof(image));
        var repeats = Enumerable.Repeat(1L, (int)image.dim()).ToArray();
        repeats[channelDim] = 3;
        return image.repeat(repeats);
    }

    /// <summary>
    /// Resizes H×W, C×H×W or N×C×H×W images to <paramref name="height"/>×<paramref name="width"/> by bilinear
    /// interpolation (pixel centres aligned as in PyTorch's <c>interpolate(mode: bilinear, align_corners: false)</c>,
    /// without antialiasing). Each output pixel mixes the four input pixels around its centre's position in the input:
    /// src = (dst + ½)·(in/out) − ½, weights by distance.
    /// </summary>
    public static Tensor Resize(Tensor image, int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"the new size must be positive, got {height}×{width}");
        if (image.dim() < 2) throw new ArgumentException($"Resize needs at least H×W, got shape {ShapeText.Of(image)}", nameof(image));
        int inHeight = (int)image.shape[^2], inWidth = (int)image.shape[^1];
        float[] source;
        using (var floats = image.detach().cpu().to_type(ScalarType.Float32).contiguous())
            source = floats.data<float>().ToArray();
        int planes = source.Length / (inHeight * inWidth);

        var rows = SamplePositions(inHeight, height);
        var columns = SamplePositions(inWidth, width);
        var result = new float[planes * height * width];
        for (int plane = 0; plane < planes; plane++)
        {
            int inBase = plane * inHeight * inWidth, outBase = plane * height * width;
            for (int y = 0; y < height; y++)
            {
                var (y0, y1, wy) = rows[y];
                for (int x = 0; x < width; x++)
                {
                    var (x0, x1, wx) = columns[x];
                    float top = (1 - wx) * source[inBase + y0 * inWidth + x0] + wx * source[inBase + y0 * inWidth + x1];
                    float bottom = (1 - wx) * source[inBase + y1 * inWidth + x0] + wx * source[inBase + y1 * inWidth + x1];
                    result[outBase + y * width + x] = (1 - wy) * top + wy * bottom;
                }
            }
        }
        long[] shape = image.shape.ToArray();
        shape[^2] = height;
        shape[^1] = width;
        return tensor(result, shape, dtype: ScalarType.Float32);
    }

    /// <summary>
    /// The images as a batch N×C×H×W: an H×W tensor is one grey image; C×H×W with C = 1 or 3 is one image;
    /// any other 3-D tensor is N grey images (N×H×W).
    /// </summary>
    public static Tensor AsBatch(Tensor images) => images.dim() switch
    {
        2 => images.view(1, 1, images.shape[0], images.shape[1]),
        3 when images.shape[0] is 1 or 3 => images.unsqueeze(0),
        3 => images.unsqueeze(1),
        4 => images.alias(),
        _ => throw new ArgumentException($"images must be H×W, C×H×W or N×C×H×W; got shape {ShapeText.Of(images)}", nameof(images)),
    };

    private static (int Low, int High, float Weight)[] SamplePositions(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        var positions = new (int, int, float)[outSize];
        for (int i = 0; i < outSize; i++)
        {
            double source = Math.Max(0, (i + 0.5) * scale - 0.5);
            int low = Math.Min((int)source, inSize - 1);
            int high = Math.Min(low + 1, inSize - 1);
            positions[i] = (low, high, (float)(source - low));
        }
        return positions;
    }

    private static int ChannelDim(Tensor image) => image.dim() switch
    {
        3 => 0,
        4 => 1,
        _ => throw new ArgumentException($"expected C×H×W or N×C×H×W, got shape {ShapeText.Of(image)}", nameof(image)),
    };
}
