using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>
/// Two unbiased estimators of ∂/∂μ E_{z~N(μ,σ²)}[f(z)], the gradient the VAE's encoder needs:
/// the reparameterisation (pathwise) estimator f′(μ + σε), ε ~ N(0,1), which the VAE lecture's "reparameterisation
/// trick" z = μ + σε makes possible, and the score-function (REINFORCE) estimator f(z) ∂/∂μ log q(z) =
/// f(z)(z − μ)/σ², which needs no derivative of f. Both have the right mean; their variances differ a lot.
/// </summary>
public static class GradientEstimators
{
    /// <summary>
    /// Draws <paramref name="samples"/> single-sample gradient estimates of each kind with autograd and returns
    /// their means and variances.
    /// </summary>
    /// <param name="f">The integrand, applied element-wise to a vector of z samples.</param>
    /// <param name="mu">μ of q.</param>
    /// <param name="sigma">σ of q.</param>
    /// <param name="samples">How many single-sample estimates to draw.</param>
    /// <param name="seed">Seed of ε.</param>
    public static GradientEstimatorComparison Compare(Func<Tensor, Tensor> f, double mu, double sigma, int samples = 10000, int seed = 0)
    {
        using var scope = NewDisposeScope();
        var epsilon = randn(samples, dtype: float64, generator: new Generator().manual_seed(seed));

        // Pathwise: z = μ + σε is a differentiable function of μ; each sample's gradient is f′(z).
        var muPath = full(samples, mu, dtype: float64, requires_grad: true);
        var zPath = muPath + sigma * epsilon;
        f(zPath).sum().backward();
        var pathwise = muPath.grad!.detach();

        // Score function: z is a constant sample; the gradient is f(z) ∂/∂μ log N(z; μ, σ²).
        var muScore = full(samples, mu, dtype: float64, requires_grad: true);
        var zSample = (mu + sigma * epsilon).detach();
        var logQ = GaussianKL.LogNormal(zSample, muScore, full(samples, 2 * Math.Log(sigma), dtype: float64));
        logQ.sum().backward();
        var score = f(zSample).detach() * muScore.grad!;

        return new GradientEstimatorComparison(
            pathwise.mean().item<double>(), pathwise.var().item<double>(),
            score.mean().item<double>(), score.var().item<double>(), samples);
    }
}
