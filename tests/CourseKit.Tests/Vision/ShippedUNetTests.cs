using CourseKit.Segmentation;

namespace CourseKit.Tests.Vision;

public class ShippedUNetTests
{
    // Stated numbers of the shipped U-Nets (`coursekit train unet`: width 16, 3,000 images, 20 epochs with a cosine
    // learning rate, seed 0): mean IoU on the 300 test images of SegmentationExperiment.TestSet(300, 0).
    // The course's target for the U-Net with skips is ≥ 0.9.
    private const double StatedMeanIouWithSkips = 0.9092;
    private const double StatedMeanIouWithoutSkips = 0.8938;

    [Theory]
    [InlineData(true, StatedMeanIouWithSkips)]
    [InlineData(false, StatedMeanIouWithoutSkips)]
    public void A_shipped_unet_loads_and_reproduces_its_stated_mean_iou(bool skips, double stated)
    {
        using var network = ShippedUNet.Load(skips);
        var scores = ShippedUNet.Score(network);
        Assert.True(Math.Abs(scores.MeanIou - stated) < 0.002, $"mean IoU {scores.MeanIou:F4}, stated {stated}");
    }

    [Fact]
    public void The_shipped_unet_with_skips_meets_the_target_on_every_class()
    {
        using var network = ShippedUNet.Load(skips: true);
        var scores = ShippedUNet.Score(network);
        Assert.True(scores.MeanIou >= 0.9, scores.ToString());
        Assert.All(scores.PerClassIou, iou => Assert.True(iou > 0.8, scores.ToString()));
        // what errors remain sit where two regions meet (the boundary pixels of the segmentation lecture)
        Assert.True(scores.BoundaryAccuracy < scores.PixelAccuracy && scores.BoundaryAccuracy > 0.9, scores.ToString());
    }

    [Fact]
    public void Skip_connections_put_the_boundaries_back()
    {
        using var withSkips = ShippedUNet.Load(skips: true);
        using var withoutSkips = ShippedUNet.Load(skips: false);
        var with = ShippedUNet.Score(withSkips);
        var without = ShippedUNet.Score(withoutSkips);
        // the same network, data and training; only the concatenated high-resolution features differ
        Assert.True(with.BoundaryAccuracy > without.BoundaryAccuracy + 0.01, $"with skips: {with}; without: {without}");
        Assert.True(with.MeanIou > without.MeanIou, $"with skips: {with}; without: {without}");
    }
}
