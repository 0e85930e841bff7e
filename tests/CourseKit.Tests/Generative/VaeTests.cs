using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class VaeTests
{
    [Fact]
    public void Vae_encodes_to_mu_and_log_variance_and_its_elbo_pieces_are_consistent()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var x = rand(6, 1, 28, 28).round();
        foreach (var vae in new[] { VariationalAutoencoder.Mlp([1, 28, 28], [64], 5), VariationalAutoencoder.Convolutional(5) })
        {
            var (mu, logVariance) = vae.Encode(x);
            Assert.Equal([6L, 5], mu.shape);
            Assert.Equal([6L, 5], logVariance.shape);
            Assert.Equal(x.shape, vae.call(x).shape);
            Assert.Equal([3L, 1, 28, 28], vae.Sample(3).shape);
            var terms = vae.Elbo(x);
            Assert.Equal(GaussianKL.ClosedForm(mu, logVariance).data<float>().ToArray(), terms.KL.data<float>().ToArray());
            // Bernoulli log-likelihood by hand: Σ x log p + (1 − x) log(1 − p), p = sigmoid(logits).
            var z = zeros(6, 5);
            var p = vae.Decode(z);
            var byHand = (x * p.log() + (1 - x) * (1 - p).log()).reshape(6, -1).sum(1);
            Assert.True((vae.LogLikelihood(x, z) - byHand).abs().max().item<float>() < 1e-2);
        }
    }

    [Fact]
    public void Reparameterised_samples_have_the_encoder_mean_and_variance()
    {
        using var scope = NewDisposeScope();
        var mu = full(100_000, 1, 1.5f);
        var logVariance = full(100_000, 1, (float)Math.Log(0.25));
        var z = VariationalAutoencoder.Reparameterise(mu, logVariance, new Generator().manual_seed(0));
        Assert.Equal(1.5, z.mean().item<float>(), 2);
        Assert.Equal(0.25, z.var().item<float>(), 2);
    }

    [Fact]
    public void Importance_weighting_tightens_the_bound_and_k_equal_1_is_the_elbo()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var g = new Generator().manual_seed(3);
        var images = rand(256, 1, 28, 28, generator: g) * rand(256, 1, 1, 1, generator: g);
        var vae = VariationalAutoencoder.Mlp([1, 28, 28], [64], 4);
        var loader = new BatchLoader(new InMemoryDataset(images, images), 64, Shuffle: true);
        var objective = vae.Objective(dynamicBinarization: true, generator: new Generator().manual_seed(0));
        new Trainer(new ObjectiveStep(vae, optim.Adam(vae.parameters(), lr: 1e-3), objective)).Fit(loader, epochs: 3);
        var test = Binarize.Fixed(images.narrow(0, 0, 100));
        var elbo = VaeEvaluation.Evaluate(vae, test, samples: 200).NegativeElbo;
        double k1 = VaeEvaluation.ImportanceWeightedNll(vae, test, 1, seed: 1);
        double k50 = VaeEvaluation.ImportanceWeightedNll(vae, test, 50, seed: 1);
        Assert.True(Math.Abs(elbo - k1) < 0.02 * elbo, $"k = 1 {k1} vs −ELBO {elbo}");   // one sample: an estimate of −ELBO itself
        Assert.True(k50 < elbo - 0.1, $"IWAE k=50 {k50} vs −ELBO {elbo}");
    }

    [Fact]
    public void A_linear_gaussian_vae_recovers_the_ppca_solution()
    {
        using var scope = NewDisposeScope();
        var g = new Generator().manual_seed(4);
        var w = randn(8, 2, generator: g) * 2;
        var data = randn(1000, 2, generator: g).matmul(w.T) + 0.5f * randn(1000, 8, generator: g) + 3;
        // At PPCA's solution the VAE's ELBO is the PPCA likelihood: q is the exact posterior.
        using var ppca = CourseKit.Density.Ppca.Fit(data, 2);
        var atSolution = VaePpcaLink.FromPpca(ppca);
        double elboAtSolution = -VaeEvaluation.Evaluate(atSolution, data, samples: 200).NegativeElbo;
        Assert.Equal(ppca.MeanLogLikelihood(data), elboAtSolution, 1);
        // Trained from scratch, the VAE climbs towards it and its decoder finds the PPCA subspace and σ².
        var result = VaePpcaLink.Compare(data, 2, steps: 200);
        Assert.True(result.VaeElbo <= result.PpcaLogLikelihood + 0.05, "the ELBO cannot beat the maximum likelihood");
        double startGap = result.PpcaLogLikelihood + result.LossHistory[0], endGap = result.PpcaLogLikelihood - result.VaeElbo;
        Assert.True(endGap < 0.05 * startGap, $"gap to PPCA: {startGap} nats at the start, {endGap} after training");
        Assert.True(result.LargestPrincipalAngle < 0.1, $"angle {result.LargestPrincipalAngle}, gap {endGap}");
    }

    [Fact]
    public void Latent_tools_follow_the_deck_formulas_and_checkpoints_round_trip()
    {
        using var scope = NewDisposeScope();
        var path = Interpolation(tensor(new[] { 0f, 2f }), tensor(new[] { 4f, -2f }), 4);
        Assert.Equal(new float[] { 0, 2, 1, 1, 2, 0, 3, -1, 4, -2 }, path.data<float>().ToArray());
        var codes = tensor(new[,] { { 1f, 0f }, { 3f, 0f }, { 0f, 1f }, { 0f, 3f } });
        var hdif = LatentSpace.AttributeVector(codes, tensor(new[] { true, true, false, false }));
        Assert.Equal(new float[] { 2, -2 }, hdif.data<float>().ToArray());
        var moved = LatentSpace.ApplyAttribute(tensor(new[] { 0f, 0f }), hdif, [0, 0.5]);
        Assert.Equal(new float[] { 0, 0, 1, -1 }, moved.data<float>().ToArray());
        Assert.Equal([25L, 2], LatentSpace.Grid(5).shape);

        manual_seed(5);
        var vae = VariationalAutoencoder.Mlp([1, 28, 28], [16], 3);
        var file = Path.Combine(Path.GetTempPath(), $"vae-{Guid.NewGuid():N}.bin");
        var info = new VaeCheckpointInfo("mlp", [16], 3, new VaeTrainingOptions(), 0, 0, 0, 0, 0, "test");
        VaeCheckpoint.Save(vae, info, file);
        var (loaded, loadedInfo) = VaeCheckpoint.Load(file);
        var x = rand(2, 1, 28, 28);
        Assert.Equal(vae.call(x).data<float>().ToArray(), loaded.call(x).data<float>().ToArray());
        Assert.Equal(3, loadedInfo.LatentSize);
        File.Delete(file);
        File.Delete(Path.ChangeExtension(file, ".json"));
    }

    private static Tensor Interpolation(Tensor a, Tensor b, int n) => LatentSpace.Interpolate(a, b, n);
}
