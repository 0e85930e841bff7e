using CourseKit.Generative;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class ReferenceVaeTests
{
    [Fact]
    public void The_shipped_vae_checkpoint_loads_and_meets_its_stated_test_elbo()
    {
        using var scope = NewDisposeScope();
        var (vae, info) = ReferenceVae.Load();
        Assert.Equal(ReferenceVae.LatentSize, info.LatentSize);
        var test = ReferenceVae.BinarizedTestSet();
        var score = VaeEvaluation.Evaluate(vae, test, samples: 1);
        // Same fixed binary test set, same seed of ε: the number stated in the .json is reproduced.
        Assert.True(Math.Abs(info.TestNegativeElbo - score.NegativeElbo) < 0.05, $"test −ELBO {score.NegativeElbo} nats, stated {info.TestNegativeElbo}");
        // The bound must sit above the importance-weighted estimate it was shipped with (−ELBO ≥ −log p(x) estimate).
        Assert.True(score.NegativeElbo > info.TestImportanceWeightedNll);
        Assert.Equal(info.TestBitsPerDimension, score.BitsPerDimension, 2);
    }
}
