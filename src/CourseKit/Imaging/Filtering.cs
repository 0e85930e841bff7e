using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Imaging;

/// <summary>
/// Linear filtering written out with loops, as in the lectures: cross-correlation (what CNN layers call convolution),
/// true convolution (the kernel flipped), zero padding, stride and dilation. Inputs are H×W, C×H×W or N×C×H×W;
/// the same 2-D kernel filters every channel separately. Results are float32 (float64 for float64 input).
/// </summary>
/// <example>
/// The 3×3 box filter on a 10×10 image with a 5×5 block of 90s: the output is 8×8, and each value is the mean of the
/// 3×3 window it came from (notebook 01, "Filtering: a weighted sum over a neighbourhood").
/// <code>
/// var image = torch.zeros(10, 10);
/// image[2..7, 3..8].fill_(90);
/// var blurred = Filtering.Correlate2d(image, Kernels.Box(3));                    // 8×8; blurred[0, 1] = 90/9 = 10
/// var edges = Filtering.Correlate2d(image, Kernels.SobelX(), FilterPadding.Same); // 10×10, zero padding
/// </code>
/// </example>
public static class Filtering
{
    /// <summary>
    /// Cross-correlation: G[i, j] = Σ_u Σ_v F[i·s − p + u·d, j·s − p + v·d] · H[u, v], with pixels outside F counted as 0
    /// (zero padding p), stride s and dilation d. This is what <c>torch.nn.functional.conv2d</c> computes.
    /// </summary>
    public static Tensor Correlate2d(Tensor input, Tensor kernel, int stride = 1, int padding = 0, int dilation = 1)
    {
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding cannot be negative");
        return Slide(input, kernel, stride, new Pads(padding, padding, padding, padding), dilation);
    }

    /// <summary>Cross-correlation with <see cref="FilterPadding.Valid"/> or <see cref="FilterPadding.Same"/> padding.</summary>
    public static Tensor Correlate2d(Tensor input, Tensor kernel, FilterPadding padding, int stride = 1, int dilation = 1)
    {
        if (padding == FilterPadding.Same && stride != 1)
            throw new ArgumentException("'same' padding keeps the size only with stride 1 (as in PyTorch); use a number for padding", nameof(padding));
        return Slide(input, kernel, stride, padding == FilterPadding.Same ? SamePads(kernel, dilation) : new Pads(0, 0, 0, 0), dilation);
    }

    /// <summary>
    /// Convolution: G[i, j] = Σ_u Σ_v F[i − u, j − v] · H[u, v] — the kernel is flipped (rotated 180°) before sliding.
    /// Equal to <see cref="Correlate2d(Tensor, Tensor, int, int, int)"/> with <see cref="FlipKernel"/>(kernel).
    /// </summary>
    public static Tensor Convolve2d(Tensor input, Tensor kernel, int stride = 1, int padding = 0, int dilation = 1)
    {
        using var flipped = FlipKernel(kernel);
        return Correlate2d(input, flipped, stride, padding, dilation);
    }

    /// <summary>Convolution with <see cref="FilterPadding.Valid"/> or <see cref="FilterPadding.Same"/> padding.</summary>
    public static Tensor Convolve2d(Tensor input, Tensor kernel, FilterPadding padding, int stride = 1, int dilation = 1)
    {
        using var flipped = FlipKernel(kernel);
        return Correlate2d(input, flipped, padding, stride, dilation);
    }

    /// <summary>The kernel rotated by 180° (flipped upside down and left to right): H'[u, v] = H[k−1−u, k−1−v].</summary>
    public static Tensor FlipKernel(Tensor kernel)
    {
        RequireKernel(kernel);
        return kernel.flip(0, 1);
    }

    /// <summary>
    /// Filters an image the way the lecture's pictures do: cross-correlation with 'same' zero padding, each channel
    /// separately, so the result has the image's shape.
    /// </summary>
    public static Tensor Apply(Tensor image, Tensor kernel) => Correlate2d(image, kernel, FilterPadding.Same);

    /// <summary>
    /// Output size along one dimension: dim_out = ⌊(dim_in + 2p − d·(k − 1) − 1) / s⌋ + 1.
    /// Without padding, stride or dilation this is the lecture's dim_in − (k − 1).
    /// </summary>
    /// <exception cref="ArgumentException">The kernel does not fit (the output would be empty).</exception>
    public static int OutputSize(int inputSize, int kernelSize, int padding = 0, int stride = 1, int dilation = 1) =>
        OutputSize(inputSize, kernelSize, padding, padding, stride, dilation);

    private static int OutputSize(int inputSize, int kernelSize, int padBefore, int padAfter, int stride, int dilation)
    {
        if (inputSize <= 0 || kernelSize <= 0 || stride <= 0 || dilation <= 0)
            throw new ArgumentException($"sizes, stride and dilation must be positive (input {inputSize}, kernel {kernelSize}, stride {stride}, dilation {dilation})");
        int span = dilation * (kernelSize - 1) + 1;
        int padded = inputSize + padBefore + padAfter;
        if (padded < span)
            throw new ArgumentException($"a kernel spanning {span} pixels does not fit in {inputSize} pixels padded by {padBefore}+{padAfter}");
        return (padded - span) / stride + 1;
    }

    private readonly record struct Pads(int Top, int Bottom, int Left, int Right);

    private static Pads SamePads(Tensor kernel, int dilation)
    {
        RequireKernel(kernel);
        int totalRows = dilation * ((int)kernel.shape[0] - 1), totalColumns = dilation * ((int)kernel.shape[1] - 1);
        return new Pads(totalRows / 2, totalRows - totalRows / 2, totalColumns / 2, totalColumns - totalColumns / 2);
    }

    /// <summary>The sliding window itself: for every output position, the sum of input × kernel over the window.</summary>
    private static Tensor Slide(Tensor input, Tensor kernel, int stride, Pads pads, int dilation)
    {
        RequireKernel(kernel);
        if (input.dim() is < 2 or > 4)
            throw new ArgumentException($"input must be H×W, C×H×W or N×C×H×W; got shape {ShapeText.Of(input)}", nameof(input));
        int height = (int)input.shape[^2], width = (int)input.shape[^1];
        int kernelHeight = (int)kernel.shape[0], kernelWidth = (int)kernel.shape[1];
        int outHeight = OutputSize(height, kernelHeight, pads.Top, pads.Bottom, stride, dilation);
        int outWidth = OutputSize(width, kernelWidth, pads.Left, pads.Right, stride, dilation);

        double[] image = ToDoubles(input);
        double[] weights = ToDoubles(kernel);
        int planes = image.Length / (height * width);
        var output = new double[planes * outHeight * outWidth];

        for (int plane = 0; plane < planes; plane++)
        {
            int inBase = plane * height * width, outBase = plane * outHeight * outWidth;
            for (int i = 0; i < outHeight; i++)
                for (int j = 0; j < outWidth; j++)
                {
                    double sum = 0;
                    for (int u = 0; u < kernelHeight; u++)
                    {
                        int row = i * stride - pads.Top + u * dilation;
                        if (row < 0 || row >= height) continue;          // zero padding: outside rows add nothing
                        for (int v = 0; v < kernelWidth; v++)
                        {
                            int column = j * stride - pads.Left + v * dilation;
                            if (column < 0 || column >= width) continue;
                            sum += image[inBase + row * width + column] * weights[u * kernelWidth + v];
                        }
                    }
                    output[outBase + i * outWidth + j] = sum;
                }
        }

        long[] shape = input.shape.ToArray();
        shape[^2] = outHeight;
        shape[^1] = outWidth;
        using var result = tensor(output, shape, dtype: ScalarType.Float64);
        return result.to_type(input.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32);
    }

    private static double[] ToDoubles(Tensor t)
    {
        using var doubles = t.detach().cpu().to_type(ScalarType.Float64).contiguous();
        return doubles.data<double>().ToArray();
    }

    private static void RequireKernel(Tensor kernel)
    {
        if (kernel.dim() != 2 || kernel.shape[0] == 0 || kernel.shape[1] == 0)
            throw new ArgumentException($"a kernel is a non-empty 2-D tensor (kH×kW); got shape {ShapeText.Of(kernel)}", nameof(kernel));
    }
}
