using static TorchSharp.torch;

namespace CourseKit.Imaging;

/// <summary>
/// The lectures' filter kernels as 2-D float32 tensors, written for <see cref="Filtering.Correlate2d(Tensor, Tensor, int, int, int)"/>
/// (cross-correlation, what CNN layers compute). Each call returns a new tensor the caller owns.
/// </summary>
public static class Kernels
{
    /// <summary>A kernel from its rows of weights.</summary>
    public static Tensor FromRows(params float[][] rows)
    {
        if (rows.Length == 0 || rows.Any(r => r.Length != rows[0].Length || r.Length == 0))
            throw new ArgumentException("a kernel needs at least one row, and all rows the same non-zero length", nameof(rows));
        return tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, rows[0].Length }, dtype: ScalarType.Float32);
    }

    /// <summary>Identity (the filtering lecture's kernel table): a single 1 in the middle; the image comes out unchanged.</summary>
    public static Tensor Identity(int size = 3)
    {
        RequireOdd(size);
        var weights = new float[size * size];
        weights[(size / 2) * size + size / 2] = 1f;
        return tensor(weights, new long[] { size, size }, dtype: ScalarType.Float32);
    }

    /// <summary>
    /// Box filter (mean, box blur; the filtering lecture's <c>g = 1/9 · ones(3,3)</c>): every output pixel is the average of the
    /// <paramref name="size"/>×<paramref name="size"/> pixels around it.
    /// </summary>
    public static Tensor Box(int size = 3)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "kernel size must be positive");
        return full(size, size, 1f / (size * size));
    }

    /// <summary>
    /// Shift (the filtering lecture's <c>[[0,0,0],[0,0,1],[0,0,0]]</c> for the default dx = 1): output(i, j) = input(i + dy, j + dx), so the
    /// picture moves <paramref name="dx"/> pixels to the LEFT and <paramref name="dy"/> pixels UP under correlation.
    /// </summary>
    public static Tensor Shift(int dx = 1, int dy = 0)
    {
        int reach = Math.Max(1, Math.Max(Math.Abs(dx), Math.Abs(dy)));
        int size = 2 * reach + 1;
        var weights = new float[size * size];
        weights[(reach + dy) * size + reach + dx] = 1f;
        return tensor(weights, new long[] { size, size }, dtype: ScalarType.Float32);
    }

    /// <summary>Sharpen (the kernel table of the filtering lecture): <c>[[0,−1,0],[−1,5,−1],[0,−1,0]]</c> = identity + (identity − 4-neighbour average)·4.</summary>
    public static Tensor Sharpen() => FromRows([0, -1, 0], [-1, 5, -1], [0, -1, 0]);

    /// <summary>
    /// Sharpen as the filtering lecture also writes it: <c>2·identity − box</c> — "accentuates the differences with the local average"
    /// (the image plus its detail, where detail = image − blurred image).
    /// </summary>
    public static Tensor SharpenBox()
    {
        using var identity = Identity();
        using var box = Box();
        return 2 * identity - box;
    }

    /// <summary>Sobel in x (Sobel and Feldman 1968, "A 3×3 isotropic gradient operator for image processing"): <c>[[−1,0,1],[−2,0,2],[−1,0,1]]</c>; positive where the image gets brighter to the right (vertical edges).</summary>
    public static Tensor SobelX() => FromRows([-1, 0, 1], [-2, 0, 2], [-1, 0, 1]);

    /// <summary>Sobel in y: <c>[[−1,−2,−1],[0,0,0],[1,2,1]]</c>; positive where the image gets brighter downwards (horizontal edges).</summary>
    public static Tensor SobelY() => FromRows([-1, -2, -1], [0, 0, 0], [1, 2, 1]);

    /// <summary>Edge detection, diagonal (the filtering lecture's kernel table): <c>[[1,0,−1],[0,0,0],[−1,0,1]]</c>.</summary>
    public static Tensor EdgeDiagonal() => FromRows([1, 0, -1], [0, 0, 0], [-1, 0, 1]);

    /// <summary>Laplacian (the filtering lecture's kernel table, "edge detection"): <c>[[0,1,0],[1,−4,1],[0,1,0]]</c>, the discrete ∂²/∂x² + ∂²/∂y².</summary>
    public static Tensor Laplacian() => FromRows([0, 1, 0], [1, -4, 1], [0, 1, 0]);

    /// <summary>Edge detection in all directions (the filtering lecture's kernel table): <c>[[−1,−1,−1],[−1,8,−1],[−1,−1,−1]]</c>; zero on flat areas.</summary>
    public static Tensor Edge() => FromRows([-1, -1, -1], [-1, 8, -1], [-1, -1, -1]);

    /// <summary>
    /// Gaussian blur: weights ∝ exp(−(u² + v²) / (2σ²)) on a <paramref name="size"/>×<paramref name="size"/> grid centred on 0,
    /// normalised to sum to 1 — a smoother blur than the box.
    /// </summary>
    public static Tensor Gaussian(int size = 5, double sigma = 1.0)
    {
        RequireOdd(size);
        if (sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive");
        int reach = size / 2;
        var weights = new float[size * size];
        double total = 0;
        for (int u = -reach; u <= reach; u++)
            for (int v = -reach; v <= reach; v++)
            {
                double w = Math.Exp(-(u * u + v * v) / (2 * sigma * sigma));
                weights[(u + reach) * size + v + reach] = (float)w;
                total += w;
            }
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(weights[i] / total);
        return tensor(weights, new long[] { size, size }, dtype: ScalarType.Float32);
    }

    /// <summary>The kernels of the lectures' table, by name, in the order notebook 01 shows them (new tensors, caller owns).</summary>
    public static IReadOnlyList<(string Name, Tensor Kernel)> LectureKernels() =>
    [
        ("identity", Identity()),
        ("box 3x3", Box()),
        ("shift", Shift()),
        ("sharpen", Sharpen()),
        ("sharpen (2I - box)", SharpenBox()),
        ("sobel x", SobelX()),
        ("sobel y", SobelY()),
        ("edge diagonal", EdgeDiagonal()),
        ("laplacian", Laplacian()),
        ("edge", Edge()),
        ("gaussian 5x5", Gaussian()),
    ];

    private static void RequireOdd(int size)
    {
        if (size <= 0 || size % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "this kernel needs an odd size (it has a centre pixel)");
    }
}
