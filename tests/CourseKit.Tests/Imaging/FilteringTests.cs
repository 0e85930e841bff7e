using CourseKit.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Imaging;

/// <summary>The from-scratch filters against TorchSharp's conv2d (a cross-correlation) and the decks' worked examples.</summary>
public class FilteringTests
{
    private static Tensor Matrix(params float[][] rows) => Kernels.FromRows(rows);

    private static float[][] Rows(Tensor t) =>
        Enumerable.Range(0, (int)t.shape[0]).Select(r => t[r].to_type(ScalarType.Float32).data<float>().ToArray()).ToArray();

    /// <summary>conv2d applied to every channel separately with the same kernel.</summary>
    private static Tensor TorchPerChannel(Tensor input, Tensor kernel, int stride, int padding, int dilation)
    {
        long[] shape = input.shape;
        var planes = input.reshape(-1, 1, shape[^2], shape[^1]);
        var result = nn.functional.conv2d(planes, kernel.view(1, 1, kernel.shape[0], kernel.shape[1]),
            strides: [stride, stride], padding: [padding, padding], dilation: [dilation, dilation]);
        long[] outShape = shape.ToArray();
        outShape[^2] = result.shape[2];
        outShape[^1] = result.shape[3];
        return result.reshape(outShape);
    }

    [Theory]
    [InlineData(3, 3, 1, 0, 1)]
    [InlineData(3, 3, 2, 1, 1)]
    [InlineData(3, 5, 1, 2, 1)]
    [InlineData(5, 5, 3, 0, 1)]
    [InlineData(3, 3, 1, 2, 2)]
    [InlineData(2, 2, 2, 0, 1)]
    public void Correlate2d_matches_torch_conv2d(int kh, int kw, int stride, int padding, int dilation)
    {
        using var scope = NewDisposeScope();
        var input = randn(2, 3, 11, 13, generator: new Generator(1));
        var kernel = randn(kh, kw, generator: new Generator(2));

        var ours = Filtering.Correlate2d(input, kernel, stride, padding, dilation);
        var theirs = TorchPerChannel(input, kernel, stride, padding, dilation);

        Assert.Equal(theirs.shape, ours.shape);
        Assert.True((ours - theirs).abs().max().item<float>() < 1e-4f);
        Assert.Equal(Filtering.OutputSize(11, kh, padding, stride, dilation), (int)ours.shape[2]);
        Assert.Equal(Filtering.OutputSize(13, kw, padding, stride, dilation), (int)ours.shape[3]);
    }

    [Fact]
    public void Convolve2d_is_conv2d_with_the_kernel_rotated_180_degrees()
    {
        using var scope = NewDisposeScope();
        var input = randn(3, 9, 10, generator: new Generator(3));
        var kernel = randn(3, 3, generator: new Generator(4));

        var ours = Filtering.Convolve2d(input, kernel, stride: 1, padding: 1);
        var theirs = TorchPerChannel(input, kernel.flip(0, 1), 1, 1, 1);
        var notFlipped = TorchPerChannel(input, kernel, 1, 1, 1);

        Assert.True((ours - theirs).abs().max().item<float>() < 1e-4f);
        Assert.True((ours - notFlipped).abs().max().item<float>() > 0.1f);
        Assert.Equal([[9f, 8, 7], [6, 5, 4], [3, 2, 1]], Rows(Filtering.FlipKernel(Matrix([1, 2, 3], [4, 5, 6], [7, 8, 9]))));
    }

    [Fact]
    public void Same_padding_keeps_the_size_and_equals_torch_with_padding_k_minus_1_over_2()
    {
        using var scope = NewDisposeScope();
        var photo = rand(3, 20, 24, generator: new Generator(5));
        var gaussian = Kernels.Gaussian(5, 1.0);

        var same = Filtering.Correlate2d(photo, gaussian, FilterPadding.Same);
        var applied = Filtering.Apply(photo, gaussian);
        var theirs = TorchPerChannel(photo, gaussian, 1, 2, 1);

        Assert.Equal([3, 20, 24], same.shape);
        Assert.True((same - theirs).abs().max().item<float>() < 1e-5f);
        Assert.True(same.equal(applied).all().item<bool>());
        Assert.Equal([1, 20, 24], Filtering.Correlate2d(photo[..1], Kernels.FromRows([1, 1], [1, 1]), FilterPadding.Same).shape);
        Assert.Throws<ArgumentException>(() => Filtering.Correlate2d(photo, gaussian, FilterPadding.Same, stride: 2));
    }

    [Fact]
    public void OutputSize_follows_the_formula_and_rejects_kernels_that_do_not_fit()
    {
        Assert.Equal(3, Filtering.OutputSize(5, 3));                  // the lecture's dim(out) = dim(in) − (dim(kernel) − 1): 5 − (3 − 1)
        Assert.Equal(6, Filtering.OutputSize(8, 3));
        Assert.Equal(28, Filtering.OutputSize(32, 5));                // a 5×5 filter on a 32×32 image
        Assert.Equal(32, Filtering.OutputSize(32, 5, padding: 2));
        Assert.Equal(16, Filtering.OutputSize(32, 3, padding: 1, stride: 2));
        Assert.Equal(3, Filtering.OutputSize(7, 3, stride: 2));
        Assert.Equal(5, Filtering.OutputSize(9, 3, dilation: 2));     // ⌊(9 − 2·2 − 1)/1⌋ + 1
        Assert.Throws<ArgumentException>(() => Filtering.OutputSize(2, 3));
        Assert.Throws<ArgumentException>(() => Filtering.OutputSize(5, 3, stride: 0));
    }

    [Fact]
    public void Deck_000_box_filter_gives_the_decks_table_G()
    {
        // F: 10×10 zeros, a 5×5 block of 90 at rows 2–6, columns 3–7 with a 0 at row 5 column 4, a lone 90 at row 8 column 2.
        using var scope = NewDisposeScope();
        var f = zeros(10, 10);
        f[2..7, 3..8].fill_(90);
        f[5, 4].fill_(0);
        f[8, 2].fill_(90);

        var g = Filtering.Correlate2d(f, Kernels.Box(3));

        float[][] deck =
        [
            [0, 10, 20, 30, 30, 30, 20, 10],
            [0, 20, 40, 60, 60, 60, 40, 20],
            [0, 30, 60, 90, 90, 90, 60, 30],
            [0, 30, 50, 80, 80, 90, 60, 30],
            [0, 30, 50, 80, 80, 90, 60, 30],
            [0, 20, 30, 50, 50, 60, 40, 20],
            [10, 20, 30, 30, 30, 30, 20, 10],
            [10, 10, 10, 0, 0, 0, 0, 0],
        ];
        Assert.Equal([8, 8], g.shape);
        var ours = Rows(g);
        for (int r = 0; r < 8; r++)
            Assert.Equal(deck[r], ours[r].Select(v => MathF.Round(v, 3)).ToArray());
    }

    [Fact]
    public void Deck_000_convolution_layer_example_and_its_rotated_filter()
    {
        using var scope = NewDisposeScope();
        var x = Matrix([3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]);
        var subscripts = Matrix([0, 1, 2], [2, 2, 0], [0, 1, 2]);     // the weights printed as subscripts on the input
        var printed = Matrix([2, 1, 0], [0, 2, 2], [2, 1, 0]);        // the filter as the deck prints it

        float[][] expected = [[12, 12, 17], [10, 17, 19], [9, 6, 14]];
        Assert.Equal(expected, Rows(Filtering.Correlate2d(x, subscripts)));
        Assert.Equal(expected, Rows(Filtering.Convolve2d(x, printed)));          // convolution flips the printed filter
        Assert.Equal(Rows(subscripts), Rows(Filtering.FlipKernel(printed)));     // the two are 180° rotations
        Assert.Equal([[18f, 20, 19], [10, 9, 17], [11, 8, 14]], Rows(Filtering.Correlate2d(x, printed)));
    }

    [Fact]
    public void Deck_001_sobel_gives_5_at_the_top_left()
    {
        using var scope = NewDisposeScope();
        var source = Matrix(
            [2, 2, 6, 8, 2, 0, 1, 2], [4, 3, 4, 5, 1, 9, 6, 3], [3, 9, 4, 4, 7, 7, 6, 9], [1, 3, 4, 6, 8, 2, 2, 1],
            [8, 4, 6, 2, 3, 1, 8, 8], [5, 8, 9, 0, 1, 0, 2, 3], [9, 2, 6, 6, 3, 6, 2, 1], [9, 8, 8, 2, 6, 3, 4, 5]);

        var map = Filtering.Correlate2d(source, Kernels.SobelX());

        Assert.Equal([6, 6], map.shape);
        Assert.Equal(5f, map[0, 0].item<float>());
        // (−1·2) + (0·2) + (1·6) + (−2·4) + (0·3) + (2·4) + (−1·3) + (0·9) + (1·4) = 5, the deck's sum written out
        Assert.Equal(5f, -1 * 2 + 0 * 2 + 1 * 6 + -2 * 4 + 0 * 3 + 2 * 4 + -1 * 3 + 0 * 9 + 1 * 4);
        Assert.Equal([10, 10], Filtering.Correlate2d(source, Kernels.SobelX(), padding: 2).shape);   // the deck's padded array
    }

    [Fact]
    public void Deck_001_binary_image_example()
    {
        using var scope = NewDisposeScope();
        var image = Matrix([1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]);
        var kernel = Matrix([1, 0, 1], [0, 1, 0], [1, 0, 1]);

        Assert.Equal([[4f, 3, 4], [2, 4, 3], [2, 3, 4]], Rows(Filtering.Correlate2d(image, kernel)));
        Assert.Equal([[4f, 4], [2, 4]], Rows(Filtering.Correlate2d(image, kernel, stride: 2)));
    }

    [Fact]
    public void Kernels_do_what_their_names_say()
    {
        using var scope = NewDisposeScope();
        var image = rand(1, 12, 12, generator: new Generator(6));

        Assert.True(Filtering.Apply(image, Kernels.Identity()).equal(image).all().item<bool>());
        var shifted = Filtering.Apply(image, Kernels.Shift());
        Assert.True(shifted[.., .., ..^1].equal(image[.., .., 1..]).all().item<bool>());   // content moves one pixel left
        Assert.Equal(1f, Kernels.Box(5).sum().item<float>(), 5);
        Assert.Equal(1f, Kernels.Gaussian(7, 1.5).sum().item<float>(), 5);
        Assert.Equal(1f, Kernels.Sharpen().sum().item<float>(), 5);
        Assert.Equal(1f, Kernels.SharpenBox().sum().item<float>(), 5);
        foreach (var zeroSum in new[] { Kernels.SobelX(), Kernels.SobelY(), Kernels.Laplacian(), Kernels.Edge(), Kernels.EdgeDiagonal() })
            Assert.Equal(0f, zeroSum.sum().item<float>());
        Assert.True(Kernels.SobelY().equal(Kernels.SobelX().t()).all().item<bool>());

        // A ramp brightening to the right: Sobel x sees slope 8 (1·2 + 2·2 + 1·2 per unit step), Sobel y and the Laplacian see 0.
        var ramp = arange(10, dtype: float32).expand(10, 10).contiguous();
        Assert.True(Filtering.Correlate2d(ramp, Kernels.SobelX()).eq(8).all().item<bool>());
        Assert.True(Filtering.Correlate2d(ramp, Kernels.SobelY()).eq(0).all().item<bool>());
        Assert.True(Filtering.Correlate2d(ramp, Kernels.Laplacian()).eq(0).all().item<bool>());
        Assert.Equal(11, Kernels.LectureKernels().Count);
    }

    [Fact]
    public void Float64_input_stays_float64_and_integer_input_becomes_float32()
    {
        using var scope = NewDisposeScope();
        var doubles = rand(2, 9, 9, dtype: float64, generator: new Generator(7));
        var ours = Filtering.Correlate2d(doubles, Kernels.Box());
        var theirs = TorchPerChannel(doubles, Kernels.Box().to_type(float64), 1, 0, 1);

        Assert.Equal(ScalarType.Float64, ours.dtype);
        Assert.True((ours - theirs).abs().max().item<double>() < 1e-7);
        Assert.Equal(ScalarType.Float32, Filtering.Correlate2d(ones(4, 4, dtype: int64), Kernels.Box()).dtype);
        Assert.Throws<ArgumentException>(() => Filtering.Correlate2d(ones(4, 4), ones(3)));
    }

    [Fact]
    public void Photos_are_filtered_per_channel_like_torch()
    {
        using var scope = NewDisposeScope();
        var cat = Photos.Load("chelsea");
        var sharp = Filtering.Apply(cat, Kernels.Sharpen());
        var theirs = TorchPerChannel(cat, Kernels.Sharpen(), 1, 1, 1);

        Assert.Equal(cat.shape, sharp.shape);
        Assert.True((sharp - theirs).abs().max().item<float>() < 1e-4f);
    }
}
