using CourseKit.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Vision;

public class AugmentationTests
{
    private static Tensor Image(long c = 3, long h = 6, long w = 8, int seed = 1)
    {
        using var g = new Generator((ulong)seed);
        return rand(new[] { c, h, w }, generator: g);
    }

    [Fact]
    public void Flipping_twice_is_the_identity_and_once_reverses_the_columns()
    {
        using var image = Image();
        using var once = new HorizontalFlip(P: 1).Apply(image, seed: 0);
        using var twice = new HorizontalFlip(P: 1).Apply(once, seed: 0);
        Assert.True(VisionAssert.Same(twice, image));
        Assert.Equal(image[1, 2, 0].item<float>(), once[1, 2, 7].item<float>());
        using var v = new VerticalFlip(P: 1).Apply(image, seed: 0);
        using var vv = new VerticalFlip(P: 1).Apply(v, seed: 0);
        Assert.True(VisionAssert.Same(vv, image));
        Assert.Equal(image[0, 0, 3].item<float>(), v[0, 5, 3].item<float>());
    }

    [Fact]
    public void Flip_with_probability_zero_copies()
    {
        using var image = Image();
        using var same = new HorizontalFlip(P: 0).Apply(image, seed: 3);
        Assert.True(VisionAssert.Same(same, image));
    }

    [Theory]
    [InlineData(90, 1)]
    [InlineData(180, 2)]
    [InlineData(-90, 3)]
    public void Rotation_by_multiples_of_90_degrees_matches_rot90(double degrees, int k)
    {
        using var image = Image(2, 7, 7);
        using var rotated = Rotation.Rotate(image, degrees);
        using var reference = rot90(image, k, (1, 2));
        Assert.True(rotated.allclose(reference, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Rotation_of_a_non_square_image_by_180_degrees_matches_two_flips()
    {
        using var image = Image(1, 4, 6);
        using var rotated = Rotation.Rotate(image, 180);
        using var reference = image.flip(1, 2);
        Assert.True(rotated.allclose(reference, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Affine_shift_by_whole_pixels_moves_the_image()
    {
        using var image = Image(1, 5, 5);
        using var shifted = AffineWarp.Warp(image, new double[,] { { 1, 0 }, { 0, 1 } }, shiftX: 2, shiftY: 1);
        Assert.True(shifted[0, 1.., 2..].allclose(image[0, ..4, ..3], rtol: 0, atol: 1e-5));
        Assert.Equal(0f, shifted[0, 0, 0].item<float>(), 6);
    }

    [Fact]
    public void Crops_have_the_requested_size_and_come_from_the_image()
    {
        using var image = Image(3, 10, 12);
        using var crop = new RandomCrop(4, 5).Apply(image, seed: 7);
        Assert.Equal(new long[] { 3, 4, 5 }, crop.shape);
        // The crop is a window of the image: find it by brute force.
        bool found = false;
        for (int top = 0; top <= 6 && !found; top++)
            for (int left = 0; left <= 7 && !found; left++)
                found = VisionAssert.Same(image[.., top..(top + 4), left..(left + 5)], crop);
        Assert.True(found);
        using var padded = new RandomCrop(10, 12, Padding: 2).Apply(image, seed: 7);
        Assert.Equal(new long[] { 3, 10, 12 }, padded.shape);
        using var centre = new CenterCrop(2, 2).Apply(image, seed: 0);
        Assert.True(VisionAssert.Same(centre, image[.., 4..6, 5..7]));
    }

    [Fact]
    public void Crop_larger_than_the_image_says_so()
    {
        using var image = Image(1, 4, 4);
        var e = Assert.Throws<ArgumentException>(() => new RandomCrop(5, 5).Apply(image, seed: 0));
        Assert.Contains("does not fit", e.Message);
    }

    [Fact]
    public void Resize_gives_the_size_and_keeps_a_constant_image_constant()
    {
        using var image = full(new long[] { 3, 10, 12 }, 0.25f);
        using var resized = new Resize(7, 5).Apply(image, seed: 0);
        Assert.Equal(new long[] { 3, 7, 5 }, resized.shape);
        Assert.True(resized.allclose(full(new long[] { 3, 7, 5 }, 0.25f)));
        // Halving a 2×2-blocky image by bilinear sampling at block centres averages each block.
        using var blocks = tensor(new float[] { 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3 }).reshape(1, 4, 4);
        using var half = new Resize(2, 2).Apply(blocks, seed: 0);
        Assert.True(half.allclose(tensor(new float[] { 0, 1, 2, 3 }).reshape(1, 2, 2)));
    }

    [Fact]
    public void Same_seed_gives_the_same_augmentation_and_batches_draw_per_image()
    {
        var pipeline = new Compose(new RandomCrop(8, 8, Padding: 2), new HorizontalFlip(), new Rotation(20),
            new ColorJitter(0.3, 0.3, 0.3), new GaussianNoise(0.05), new CutOut(3));
        using var batch = rand(4, 3, 8, 8);
        using var a = pipeline.Apply(batch, seed: 42);
        using var b = pipeline.Apply(batch, seed: 42);
        using var c = pipeline.Apply(batch, seed: 43);
        Assert.True(VisionAssert.Same(a, b));
        Assert.False(VisionAssert.Same(a, c));
        Assert.Equal(batch.shape, a.shape);
        using var same = stack(new[] { batch[0], batch[0] });
        using var twoDraws = pipeline.Apply(same, seed: 1);
        Assert.False(VisionAssert.Same(twoDraws[0], twoDraws[1]));
        Assert.True(a.min().item<float>() >= 0 && a.max().item<float>() <= 1);
    }

    [Fact]
    public void CutOut_zeroes_exactly_a_clipped_square()
    {
        using var image = ones(1, 10, 10);
        using var cut = new CutOut(4).Apply(image, seed: 5);
        long zeros = (cut == 0).sum().item<long>();
        Assert.InRange(zeros, 4, 16);
        using var big = new CutOut(100).Apply(image, seed: 5);
        Assert.Equal(0f, big.sum().item<float>());
    }

    [Fact]
    public void Brightness_jitter_scales_and_noise_has_the_requested_spread()
    {
        using var image = full(new long[] { 1, 50, 50 }, 0.5f);
        using var noisy = new GaussianNoise(0.1).Apply(image, seed: 2);
        Assert.InRange(noisy.std().item<float>(), 0.09, 0.11);
        using var jitter = new ColorJitter(Brightness: 0.5).Apply(image, seed: 2);
        double factor = jitter.mean().item<float>() / 0.5;
        Assert.InRange(factor, 0.5, 1.5);
        Assert.True(jitter.allclose(image * factor, rtol: 0, atol: 1e-5)); // a uniform factor
    }

    [Fact]
    public void A_two_dimensional_tensor_is_rejected_with_advice()
    {
        using var image = ones(5, 5);
        var e = Assert.Throws<ArgumentException>(() => new HorizontalFlip().Apply(image, seed: 0));
        Assert.Contains("unsqueeze", e.Message);
    }
}
