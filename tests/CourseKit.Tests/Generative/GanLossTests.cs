using CourseKit.Generative.Gans;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class GanLossTests
{
    private static readonly double[] RealLogits = [2.0, -0.5, 0.3, 4.0];
    private static readonly double[] FakeLogits = [-3.0, 0.1, 1.5, -0.2];

    private static double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));
    private static Tensor T(double[] v) => tensor(v, dtype: float64);
    private static double Value(Tensor t) => t.item<double>();

    [Fact]
    public void Logistic_discriminator_loss_is_the_negative_minimax_value()
    {
        // −(1/N)Σ log D(x) − (1/N)Σ log(1 − D(G(z))), with D = σ(logit)
        double expected = -RealLogits.Average(a => Math.Log(Sigmoid(a))) - FakeLogits.Average(a => Math.Log(1 - Sigmoid(a)));
        foreach (var objective in new[] { GanObjective.Minimax, GanObjective.NonSaturating })
            Assert.Equal(expected, Value(GanLosses.DiscriminatorLoss(objective, T(RealLogits), T(FakeLogits))), 12);
        // and it is PyTorch's binary cross-entropy with targets 1 for real, 0 for fake
        var bce = nn.functional.binary_cross_entropy_with_logits(T(RealLogits), ones(4, dtype: float64))
                + nn.functional.binary_cross_entropy_with_logits(T(FakeLogits), zeros(4, dtype: float64));
        Assert.Equal(Value(bce), expected, 12);
    }

    [Fact]
    public void Generator_losses_match_their_closed_forms()
    {
        Assert.Equal(FakeLogits.Average(a => Math.Log(1 - Sigmoid(a))), Value(GanLosses.GeneratorLoss(GanObjective.Minimax, T(FakeLogits))), 12);
        Assert.Equal(FakeLogits.Average(a => -Math.Log(Sigmoid(a))), Value(GanLosses.GeneratorLoss(GanObjective.NonSaturating, T(FakeLogits))), 12);
        Assert.Equal(FakeLogits.Average(s => 0.5 * (s - 1) * (s - 1)), Value(GanLosses.GeneratorLoss(GanObjective.LeastSquares, T(FakeLogits))), 12);
        Assert.Equal(-FakeLogits.Average(), Value(GanLosses.GeneratorLoss(GanObjective.Wasserstein, T(FakeLogits))), 12);
    }

    [Fact]
    public void Least_squares_and_wasserstein_discriminator_losses_match_their_closed_forms()
    {
        double lsgan = RealLogits.Average(s => 0.5 * (s - 1) * (s - 1)) + FakeLogits.Average(s => 0.5 * s * s);
        Assert.Equal(lsgan, Value(GanLosses.DiscriminatorLoss(GanObjective.LeastSquares, T(RealLogits), T(FakeLogits))), 12);
        Assert.Equal(FakeLogits.Average() - RealLogits.Average(), Value(GanLosses.DiscriminatorLoss(GanObjective.Wasserstein, T(RealLogits), T(FakeLogits))), 12);
    }

    [Fact]
    public void Logistic_losses_stay_finite_for_confident_discriminators()
    {
        // σ(−60) underflows log(σ) in a naive implementation; softplus keeps −log σ(−60) = 60
        Assert.Equal(60, Value(GanLosses.GeneratorLoss(GanObjective.NonSaturating, T([-60.0]))), 6);
        Assert.Equal(-60, Value(GanLosses.GeneratorLoss(GanObjective.Minimax, T([60.0]))), 6);
    }

    [Fact]
    public void Saturating_gradient_is_D_and_non_saturating_gradient_is_one_minus_D()
    {
        double[] d = [0.001, 0.01, 0.1, 0.5, 0.9, 0.99];
        var saturating = GeneratorGradient.Magnitude(GanObjective.Minimax, d);
        var nonSaturating = GeneratorGradient.Magnitude(GanObjective.NonSaturating, d);
        for (int i = 0; i < d.Length; i++)
        {
            Assert.Equal(d[i], saturating[i], 9);
            Assert.Equal(1 - d[i], nonSaturating[i], 9);
        }
        // where the generator is worst (D(G(z)) = 0.001) the minimax gradient is 999 times weaker
        Assert.Equal(999, nonSaturating[0] / saturating[0], 6);
        Assert.Equal(Math.Log(1 - 0.1), GeneratorGradient.Loss(GanObjective.Minimax, [0.1])[0], 9);
        Assert.Equal(-Math.Log(0.1), GeneratorGradient.Loss(GanObjective.NonSaturating, [0.1])[0], 9);
    }

    [Fact]
    public void Gradient_penalty_of_a_linear_critic_is_squared_norm_minus_one()
    {
        // D(x) = w·x has ∇D = w everywhere, so the penalty is (‖w‖ − 1)² whatever the mix of real and fake
        var w = tensor(new[] { 3.0, 4.0 }, dtype: float64);   // ‖w‖ = 5
        Func<Tensor, Tensor> critic = x => x.matmul(w);
        var real = randn(16, 2, dtype: float64);
        var fake = randn(16, 2, dtype: float64);
        Assert.Equal(16.0, Value(GanLosses.GradientPenalty(critic, real, fake)), 9);
    }

    [Fact]
    public void Gradient_penalty_sends_gradient_to_the_critic_parameters()
    {
        var w = tensor(new[] { 3.0, 4.0 }, dtype: float64).requires_grad_(true);
        var penalty = GanLosses.GradientPenalty(x => x.matmul(w), randn(8, 2, dtype: float64), randn(8, 2, dtype: float64));
        penalty.backward();
        // ∂(‖w‖ − 1)²/∂w = 2(‖w‖ − 1)·w/‖w‖ = 2·4·(0.6, 0.8)
        Assert.Equal(new[] { 4.8, 6.4 }, w.grad!.data<double>().ToArray().Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void Mismatched_batches_are_refused_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => GanLosses.GradientPenalty(x => x.sum(1), zeros(4, 2), zeros(3, 2)));
        Assert.Contains("same shape", error.Message);
    }
}
