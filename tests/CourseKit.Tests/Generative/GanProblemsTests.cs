using CourseKit.Generative;
using CourseKit.Generative.Gans;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class GanProblemsTests
{
    private static IEnumerable<(Tensor, Tensor)> PointMassAtOne(int n)
    {
        while (true) yield return (ones(n, 1), zeros(n, dtype: int64));
    }

    [Fact]
    public void Dirac_gan_circles_its_equilibrium_instead_of_converging()
    {
        // equilibrium θ = 1, ψ = 0; start at θ = 0: with Adam's momentum (β₁ = 0.9) the distance to it stays near 1 for 800 steps
        var g = new DiracGenerator(0);
        var d = new DiracDiscriminator(0);
        using var gan = new GanStep(g, d, new GanSettings(LatentSize: 1, GeneratorLearningRate: 0.05, DiscriminatorLearningRate: 0.05, Beta1: 0.9, Beta2: 0.999));
        var trainer = new Trainer(gan);
        var distances = new List<double>();
        for (int block = 0; block < 8; block++)
        {
            trainer.Fit(PointMassAtOne(8), 100);
            double theta = g.Theta.item<float>(), psi = d.Psi.item<float>();
            distances.Add(Math.Sqrt((theta - 1) * (theta - 1) + psi * psi));
        }
        Assert.True(distances.Min() > 0.5, $"distances to the equilibrium: {string.Join(", ", distances.Select(x => x.ToString("F2")))}");
    }

    [Fact]
    public void Against_a_winning_discriminator_the_minimax_gradient_vanishes()
    {
        manual_seed(14);
        var ring = GaussianMixture2d.Ring();
        var g = new MlpGenerator(2, [2], hidden: 32, depth: 2, batchNorm: false);
        var d = new MlpDiscriminator(2, hidden: 32, depth: 2);
        var result = VanishingGradient.Measure(g, d, n => ring.Sample(n).Points, 2, discriminatorSteps: 300, learningRate: 2e-3);
        Assert.True(result.FakeScore < 0.15, $"D(G(z)) = {result.FakeScore:F3}");
        Assert.True(result.NonSaturatingNorm > 5 * result.MinimaxNorm, $"{result}");
    }

    [Fact]
    public void Interpolation_follows_the_decks_formula_and_arithmetic_averages_codes()
    {
        var z1 = tensor(new float[] { 0, 2 });
        var z2 = tensor(new float[] { 4, -2 });
        var path = LatentSpace.Interpolate(z1, z2, 4);
        Assert.Equal(new float[] { 0, 2, 1, 1, 2, 0, 3, -1, 4, -2 }, path.data<float>().ToArray());
        var a = tensor(new float[,] { { 1, 1 }, { 3, 3 } });
        var b = tensor(new float[,] { { 1, 0 } });
        var c = tensor(new float[,] { { 0, 5 }, { 0, 7 } });
        Assert.Equal(new float[] { 1, 8 }, LatentSpace.Arithmetic(a, b, c).data<float>().ToArray());
    }

    [Fact]
    public void A_conditional_gan_trains_with_labels_and_samples_the_asked_classes()
    {
        manual_seed(15);
        // two classes = two of the ring's modes; G must put class 0 at mode 0 and class 1 at mode 4
        var ring = GaussianMixture2d.Ring();
        var means = ring.Means();      // made here: a tensor made inside the stream belongs to the step's dispose scope
        IEnumerable<(Tensor, Tensor)> Batches()
        {
            while (true)
            {
                var labels = randint(0, 2, [64], dtype: int64);
                yield return (means.index_select(0, labels * 4) + 0.01 * randn(64, 2), labels);
            }
        }
        var g = new ConditionalMlpGenerator(2, 2, [2], hidden: 32);
        var d = new ConditionalMlpDiscriminator(2, 2, hidden: 32);
        using var gan = new GanStep(g, d, new GanSettings(LatentSize: 2, GeneratorLearningRate: 2e-3, DiscriminatorLearningRate: 2e-3)) { ConditionalClasses = 2 };
        new Trainer(gan).Fit(Batches(), 600);
        var asked = tensor(new long[] { 0, 0, 0, 1, 1, 1 });
        var samples = gan.Sample(6, asked).data<float>().ToArray();
        for (int i = 0; i < 3; i++) Assert.True(samples[2 * i] > 0.5, $"class 0 sample at x = {samples[2 * i]:F2}");
        for (int i = 3; i < 6; i++) Assert.True(samples[2 * i] < -0.5, $"class 1 sample at x = {samples[2 * i]:F2}");
        Assert.Throws<ArgumentException>(() => gan.Sample(3));
    }

    [Fact]
    public void Dcgan_shapes_follow_the_rules()
    {
        var g = new DcganGenerator(16, 8);
        var d = new DcganDiscriminator(8);
        using var images = g.forward(randn(3, 16));
        Assert.Equal(new long[] { 3, 1, 28, 28 }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1);                 // tanh output
        Assert.Equal(new long[] { 3, 1 }, d.forward(images).shape);
        // no pooling, no fully connected layers, no batch norm on G's output or D's input
        Assert.DoesNotContain(g.modules().Concat(d.modules()), m => m is TorchSharp.Modules.Linear or TorchSharp.Modules.MaxPool2d or TorchSharp.Modules.AvgPool2d);
        var dLayers = d.modules().Where(m => m is not TorchSharp.Modules.Sequential && m != d).ToList();
        Assert.IsType<TorchSharp.Modules.Conv2d>(dLayers[0]);
        Assert.IsType<TorchSharp.Modules.LeakyReLU>(dLayers[1]);
        var gLayers = g.modules().Where(m => m is not TorchSharp.Modules.Sequential && m != g).ToList();
        Assert.IsType<TorchSharp.Modules.Tanh>(gLayers[^1]);
        Assert.IsType<TorchSharp.Modules.ConvTranspose2d>(gLayers[^2]);
    }

    [Fact]
    public void Extra_layers_add_a_3x3_convolution_with_batch_norm_at_each_resolution_and_keep_the_shapes()
    {
        const int f = 8;
        var (g0, g1) = (new DcganGenerator(16, f), new DcganGenerator(16, f, extraLayers: 1));
        var (d0, d1) = (new DcganDiscriminator(f), new DcganDiscriminator(f, extraLayers: 1));
        long Count(nn.Module m) => m.parameters().Sum(p => p.numel());
        // one bias-free 3×3 convolution and one batch norm (scale and shift) per resolution: 2f channels and f channels
        long added = (2 * f * 2 * f * 9 + 2 * 2 * f) + (f * f * 9 + 2 * f);
        Assert.Equal(Count(g0) + added, Count(g1));
        Assert.Equal(Count(d0) + added, Count(d1));
        Assert.Equal(2, g1.modules().OfType<TorchSharp.Modules.Conv2d>().Count(c => c.weight!.shape[2] == 3 && c.weight.shape[0] == c.weight.shape[1]));
        Assert.Equal(g0.modules().OfType<TorchSharp.Modules.BatchNorm2d>().Count() + 2, g1.modules().OfType<TorchSharp.Modules.BatchNorm2d>().Count());
        using var images = g1.forward(randn(3, 16));
        Assert.Equal(new long[] { 3, 1, 28, 28 }, images.shape);
        Assert.Equal(new long[] { 3, 1 }, d1.forward(images).shape);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DcganGenerator(16, f, extraLayers: -1));
        Assert.Contains("0 or more", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DcganDiscriminator(f, extraLayers: -1));
    }

    [Fact]
    public void The_discriminator_without_batch_norm_gives_its_hidden_convolution_a_bias_instead()
    {
        var withNorm = new DcganDiscriminator(8);
        var without = new DcganDiscriminator(8, batchNorm: false);
        Assert.Single(withNorm.modules().OfType<TorchSharp.Modules.BatchNorm2d>());
        Assert.Empty(without.modules().OfType<TorchSharp.Modules.BatchNorm2d>());
        Assert.Null(withNorm.modules().OfType<TorchSharp.Modules.Conv2d>().ElementAt(1).bias);
        Assert.Equal(16, without.modules().OfType<TorchSharp.Modules.Conv2d>().ElementAt(1).bias!.shape[0]);
        // batch norm's scale and shift (2 × 16) are replaced by the convolution's 16 biases
        long Count(DcganDiscriminator d) => d.parameters().Sum(p => p.numel());
        Assert.Equal(Count(withNorm) - 16, Count(without));
        using var images = rand(5, 1, 28, 28) * 2 - 1;
        Assert.Equal(new long[] { 5, 1 }, without.forward(images).shape);
    }
}
