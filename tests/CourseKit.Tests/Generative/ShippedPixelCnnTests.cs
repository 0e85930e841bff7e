using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Generative.Autoregressive;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class ShippedPixelCnnTests
{
    // Stated numbers of the shipped PixelCNN (32 channels, 12 residual layers; `coursekit train pixelcnn`: 5 epochs, Adam
    // from 2e-3 on a cosine to 0, seed 0, 23 minutes on two cores): 88.12 nats on the 10,000 binarized test digits
    // (seed 2), 87.03 nats on the first 1,000 of them, the set notebook 09 evaluates. The course's target is ≤ 90 nats
    // (published PixelCNN: 81.3).
    private const double StatedNatsOnFirst1000 = 87.03;

    [Fact]
    public void The_shipped_pixelcnn_loads_and_meets_its_stated_likelihood()
    {
        using var scope = NewDisposeScope();
        var model = new PixelCnn(ShippedPixelCnn.Channels, ShippedPixelCnn.Layers);
        model.load(Checkpoints.Require("pixelcnn.bin", "train pixelcnn"));
        using var test = Mnist.Load(Split.Test, limit: 1000);
        var bits = Binarize.Fixed(test.Inputs, seed: 2);
        var likelihood = Likelihood.Of(model, bits);
        Assert.Equal(1000, likelihood.Images);
        Assert.True(Math.Abs(likelihood.Nats - StatedNatsOnFirst1000) < 0.05, $"{likelihood.Nats:F3} nats, stated {StatedNatsOnFirst1000}");
        // the course's target, far from a model that ignores the context (784 ln 2 = 543 nats)
        Assert.True(likelihood.Nats <= 90, $"{likelihood.Nats:F2} nats");
        // bits per dimension are nats / (784 ln 2)
        Assert.Equal(likelihood.Nats / (784 * Math.Log(2)), likelihood.BitsPerDimension, 6);
    }
}
