using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Generative.Gans;
using CourseKit.Generative.Metrics;
using CourseKit.Models;

namespace CourseKit.Tests.Generative;

public class DcganQualityTests
{
    // Stated numbers of the shipped DCGAN (`coursekit train dcgan`: 20 epochs, seed 0, 11 min 45 s on two cores), which
    // that command prints after its last epoch: measured with the kit's MNIST classifier on 5,000 samples (seed 0)
    // against the first 5,000 test digits, Inception Score 6.53 (real digits 9.22), Fréchet distance 32.24, class shares
    // 5.3 %–17.5 %. The course's target is an Inception Score of 8.5 (see the closing note: not met).
    private const double StatedInceptionScore = 6.53, StatedFrechetDistance = 32.24;

    [Fact]
    public void The_shipped_dcgan_meets_its_stated_inception_score_and_frechet_distance()
    {
        var probe = FeatureClassifier.Of(MnistClassifier.LoadOrTrain());
        var generator = new DcganGenerator(64, DigitGans.ShippedFeatures);
        generator.load(Checkpoints.Require("dcgan-generator.bin", "train dcgan"));
        using var fake = DigitGans.Sample(generator, 5000, seed: 0);
        using var test = Mnist.Load(Split.Test, limit: 5000);
        var report = SampleQuality.Report(probe, fake, test.Inputs);
        Assert.True(Math.Abs(report.InceptionScore - StatedInceptionScore) < 0.01, $"IS {report.InceptionScore:F3}, stated {StatedInceptionScore}");
        Assert.True(Math.Abs(report.FrechetDistance - StatedFrechetDistance) < 0.05, $"Fréchet distance {report.FrechetDistance:F3}, stated {StatedFrechetDistance}");
        // the ceiling: real digits score higher than the generator, and every class is generated
        Assert.True(SampleQuality.InceptionScore(probe, test.Inputs) > report.InceptionScore + 2);
        Assert.All(report.ClassShares, share => Assert.InRange(share, 0.05, 0.18));
        // the report's shares and score are those of the separate measurements
        Assert.Equal(SampleQuality.ClassShares(probe, fake), report.ClassShares);
        Assert.Equal(SampleQuality.InceptionScore(probe, fake), report.InceptionScore, 9);
    }
}
