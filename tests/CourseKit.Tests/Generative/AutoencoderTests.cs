using CourseKit.Autoencoders;
using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class AutoencoderTests
{
    [Fact]
    public void Every_autoencoder_maps_images_back_to_their_shape_with_the_stated_code_size()
    {
        using var scope = NewDisposeScope();
        var x = rand(4, 1, 28, 28);
        foreach (var model in new[]
        {
            Autoencoder.Mlp([1, 28, 28], [64], 8), Autoencoder.Mlp([1, 28, 28], [], 1000, "relu"),
            Autoencoder.Linear([1, 28, 28], 5), Autoencoder.SigmoidLayer([1, 28, 28], 16),
            Autoencoder.Convolutional(1, 1, 28, 12),
        })
        {
            Assert.Equal([4L, model.CodeSize], model.Encode(x).shape);
            Assert.Equal(x.shape, model.call(x).shape);
        }
        Assert.Equal([2L, 3, 16, 16], Autoencoder.Convolutional(1, 3, 16, 10).call(rand(2, 1, 16, 16)).shape);
        Assert.Throws<ArgumentException>(() => Autoencoder.Convolutional(1, 1, 30, 4));
    }

    [Fact]
    public void Exact_contractive_penalty_equals_the_autograd_jacobian_norm()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var model = Autoencoder.SigmoidLayer([1, 6, 6], 7);
        var x = rand(5, 1, 6, 6);
        var exact = Penalties.ContractiveSigmoid(model.SigmoidCodeLayer!, model.Encode(x)).item<float>();
        var byAutograd = Penalties.JacobianFrobeniusSquared(model.Encode, x).item<float>();
        Assert.True(exact > 0);
        Assert.Equal(byAutograd, exact, 5);
    }

    [Fact]
    public void Sparsity_penalties_match_their_formulas()
    {
        using var scope = NewDisposeScope();
        var h = tensor(new[,] { { 0.1f, 0.5f }, { 0.3f, 0.7f } });
        Assert.Equal(0.5 * (0.6 + 1.0) / 2, Penalties.L1(h, 0.5).item<float>(), 5);   // λ · mean over examples of Σ|hᵢ|
        // ρ̂ = (0.2, 0.6); KL(0.2‖0.2) = 0, KL(0.2‖0.6) = 0.2 log(0.2/0.6) + 0.8 log(0.8/0.4).
        double expected = 0.2 * Math.Log(0.2 / 0.6) + 0.8 * Math.Log(0.8 / 0.4);
        Assert.Equal(expected, Penalties.KLSparsity(h, 0.2).item<float>(), 5);
    }

    [Fact]
    public void Corruptions_change_the_stated_fraction_of_pixels()
    {
        using var scope = NewDisposeScope();
        var g = new Generator().manual_seed(0);
        var x = full(20, 1, 28, 28, 0.5f);
        Assert.Equal(0.3, (Corruption.Masking(x, 0.3, g) == 0).to_type(float32).mean().item<float>(), 1);
        var sp = Corruption.SaltAndPepper(x, 0.2, g);
        Assert.Equal(0.2, (sp != 0.5f).to_type(float32).mean().item<float>(), 1);
        Assert.Equal(0.1, (sp == 1).to_type(float32).mean().item<float>(), 1);
        Assert.Equal(0.2, (Corruption.Gaussian(x, 0.2, g) - x).std().item<float>(), 1);
        var occluded = Corruption.Occlude(x, 10, g);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(100, (occluded[i] == 0).sum().item<long>()));
    }

    [Fact]
    public void A_linear_autoencoder_learns_the_pca_subspace()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var g = new Generator().manual_seed(1);
        // 10-D data with 3 strong directions plus small isotropic noise.
        var basis = linalg.qr(randn(10, 3, generator: g)).Q;
        var data = (randn(2000, 3, generator: g) * tensor(new[] { 3f, 2f, 1.5f })).matmul(basis.T) + 0.05f * randn(2000, 10, generator: g);
        var images = data.reshape(2000, 1, 1, 10);
        var model = Autoencoder.Linear([1, 1, 10], 3);
        var loader = new BatchLoader(new InMemoryDataset(images, images), 100, Shuffle: true);
        new Trainer(new ObjectiveStep(model, optim.Adam(model.parameters(), lr: 1e-2), new ReconstructionObjective().For(model))).Fit(loader, epochs: 40);
        var decoderColumns = model.Decode(eye(3)) - model.Decode(zeros(3, 3));      // W₂ as 3 columns
        var angles = Subspaces.PrincipalAngles(decoderColumns.reshape(3, 10).T, Subspaces.PrincipalDirections(data, 3));
        Assert.True(angles.Max() < 0.05, $"largest principal angle {angles.Max()} rad");
    }

    [Fact]
    public void The_training_loop_lowers_the_loss_and_leaves_no_tensors_behind()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var g = new Generator().manual_seed(2);
        var prototypes = rand(4, 1, 8, 8, generator: g).round();                  // 4 binary patterns, 16 copies each
        var images = prototypes.index_select(0, randint(0, 4, [64], generator: g));
        var model = Autoencoder.Mlp([1, 8, 8], [32], 8);
        var objective = new ReconstructionObjective(Corrupt: x => Corruption.Masking(x, 0.2), L1: 1e-3, BinaryCrossEntropy: true);
        var loader = new BatchLoader(new InMemoryDataset(images, images), 16, Shuffle: true);
        new Trainer(new ObjectiveStep(model, optim.Adam(model.parameters(), lr: 1e-3), objective.For(model))).Fit(loader, epochs: 1);   // a first epoch
        var trainer = new Trainer(new ObjectiveStep(model, optim.Adam(model.parameters(), lr: 3e-3), objective.For(model)));
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var losses = trainer.Fit(loader, epochs: 10).TrainLosses;
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.True(losses[^1] < 0.5 * losses[0], $"loss {losses[0]} → {losses[^1]}");
        Assert.True(after - before <= 2 * model.parameters().Count(), $"{after - before} tensors outlived the epochs");   // Adam's two moments per parameter
    }
}
