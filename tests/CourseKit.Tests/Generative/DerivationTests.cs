using CourseKit.Generative;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class DerivationTests
{
    [Fact]
    public void Closed_form_KL_matches_Monte_Carlo_and_the_deck_variant_does_not()
    {
        using var scope = NewDisposeScope();
        var mu = tensor(new[,] { { 0.0, 0.0 }, { 1.0, -0.5 }, { 2.0, 0.3 } }, dtype: float64);
        var logVar = tensor(new[,] { { 0.0, 0.0 }, { Math.Log(4), Math.Log(0.25) }, { Math.Log(0.1), 0.7 } }, dtype: float64);
        var closed = GaussianKL.ClosedForm(mu, logVar).data<double>().ToArray();
        var (mc, se) = GaussianKL.MonteCarlo(mu, logVar, 200_000, new Generator().manual_seed(1));
        var deck = GaussianKL.MisprintedVariant(mu, logVar).data<double>().ToArray();
        // Reference by hand: per dimension ½(σ² + μ² − 1 − log σ²).
        double Hand(double m, double v) => 0.5 * (v + m * m - 1 - Math.Log(v));
        Assert.Equal(0, closed[0], 12);
        Assert.Equal(Hand(1, 4) + Hand(-0.5, 0.25), closed[1], 12);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(mc[i].item<double>() - closed[i]) < 4 * se[i].item<double>() + 1e-9, $"row {i}: MC {mc[i].item<double>()} vs {closed[i]}");
            Assert.True(Math.Abs(deck[i] - closed[i]) > 0.5, $"row {i}: the deck's variant should be far off");
        }
        Assert.Equal(-2.0, deck[0], 12);   // q = p, yet the deck's formula gives −1 per dimension: negative "KL"
    }

    [Fact]
    public void Every_line_of_the_ELBO_derivation_holds_on_an_exactly_integrable_model()
    {
        var model = new LinearGaussianModel([1.5, -0.7], [0.2, 0.1], 0.8);
        double[] x = [1.1, -0.4];
        var lines = ElboDerivation.Check(model, x, qMean: 0.2, qVariance: 0.5);
        Assert.Equal(11, lines.Count);
        foreach (var line in lines) Assert.True(line.Holds(1e-7), $"{line.Equation}: {line.Left} vs {line.Right}");
        var gap = lines.Single(l => l.Equation.StartsWith("log p(x) ≥"));
        Assert.True(gap.Left - gap.Right > 0.01, "a q that is not the posterior leaves a strictly positive gap");

        var (m, v) = model.Posterior(x);
        Assert.Equal(model.LogEvidence(x), ElboDerivation.Elbo(model, x, m, v), 7);   // q = p(z|x) closes the gap
    }

    [Fact]
    public void Reparameterisation_gradients_have_far_lower_variance_than_score_function_gradients()
    {
        // f(z) = (z − 3)², E[f] = (μ − 3)² + σ², so ∂/∂μ E[f] = 2(μ − 3) = −5 at μ = 0.5.
        var result = GradientEstimators.Compare(z => (z - 3).pow(2), mu: 0.5, sigma: 1.0, samples: 50_000, seed: 0);
        Assert.Equal(-5, result.ReparameterisationMean, 1);
        Assert.True(Math.Abs(result.ScoreFunctionMean + 5) < 4 * Math.Sqrt(result.ScoreFunctionVariance / result.Samples));
        // Var[2(μ + ε − 3)] = 4σ² = 4; the sample variance of n Gaussians has standard error √2·4/√n ≈ 0.025.
        Assert.True(Math.Abs(result.ReparameterisationVariance - 4) < 4 * Math.Sqrt(2) * 4 / Math.Sqrt(result.Samples));
        Assert.True(result.ScoreFunctionVariance > 10 * result.ReparameterisationVariance);
    }
}
