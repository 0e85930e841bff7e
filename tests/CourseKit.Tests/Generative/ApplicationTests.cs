using CourseKit.Autoencoders;
using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class ApplicationTests
{
    [Fact]
    public void Pca_reconstruction_error_falls_with_more_components_and_is_exact_with_all()
    {
        using var scope = NewDisposeScope();
        var g = new Generator().manual_seed(0);
        var train = rand(200, 1, 4, 4, generator: g);
        var test = rand(50, 1, 4, 4, generator: g);
        double[] errors = new[] { 1, 4, 8, 16 }.Select(k => Applications.PixelMse(Applications.PcaReconstruct(train, test, k), test)).ToArray();
        Assert.True(errors[0] > errors[1] && errors[1] > errors[2] && errors[2] > errors[3]);
        Assert.True(errors[3] < 1e-10);
    }

    [Fact]
    public void On_mnist_an_autoencoder_detects_a_held_out_digit_and_clusters_better_than_pixels()
    {
        using var scope = NewDisposeScope();
        using var train = Mnist.Load(Split.Train, 1500);
        using var test = Mnist.Load(Split.Test, 500);
        var settings = new ExperimentSettings([128], CodeSize: 16, Epochs: 4);
        var anomaly = Applications.AnomalyDetection(train.Inputs, train.Targets, test.Inputs, test.Targets, 1, settings);
        Assert.True(anomaly.AutoencoderAuc < 0.5, "a 1 is simple: reconstructed better than the digits trained on");
        var zero = Applications.AnomalyDetection(train.Inputs, train.Targets, test.Inputs, test.Targets, 0, settings);
        Assert.True(zero.AutoencoderAuc > 0.6, $"held-out 0s: AUC {zero.AutoencoderAuc}");
    }
}
