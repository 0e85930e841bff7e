using CourseKit.Generative;
using CourseKit.Generative.Gans;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class ShippedCheckpointTests
{
    [Fact]
    public void The_shipped_dcgan_generator_loads_and_draws_varied_digit_like_images()
    {
        var generator = DigitGans.LoadShipped();
        generator.eval();
        manual_seed(0);
        using var noGrad = no_grad();
        using var images = DigitGans.FromTanhRange(generator.forward(randn(64, 64)));
        Assert.Equal(new long[] { 64, 1, 28, 28 }, images.shape);
        // MNIST digits: mostly black background (mean intensity 0.13) with a bright stroke
        double ink = images.mean().item<float>();
        Assert.InRange(ink, 0.05, 0.3);
        using var corners = images[.., .., ..4, ..4];
        Assert.True(corners.mean().item<float>() < 0.05, "the border of a generated digit should be background");
        // not collapsed to one image: 64 real test digits spread 0.178 per pixel; a collapsed generator spreads close to 0
        using var spread = images.flatten(1).std(0).mean();
        Assert.True(spread.item<float>() > 0.12, $"mean per-pixel spread across samples {spread.item<float>():F3}");
    }
}
