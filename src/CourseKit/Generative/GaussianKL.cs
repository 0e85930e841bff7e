using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>
/// The KL term of the VAE, KL(q‖p) with q = N(μ, diag σ²) and p = N(0, I). Per latent dimension,
/// KL = E_q[log q(z) − log p(z)] = ½(σ² + μ² − 1 − log σ²), so summed over the dimensions
/// KL = −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²).
/// </summary>
public static class GaussianKL
{
    /// <summary>
    /// The closed form −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²), summed over the last dimension
    /// (one value per example for B×d inputs). Takes log σ² as the encoder outputs it.
    /// </summary>
    public static Tensor ClosedForm(Tensor mu, Tensor logVariance) => PerDimension(mu, logVariance).sum(-1);

    /// <summary>
    /// The closed form before the sum, one value per latent dimension: −½ (1 + log σⱼ² − μⱼ² − σⱼ²). A dimension whose
    /// KL stays near 0 for every input carries no information (posterior collapse).
    /// </summary>
    public static Tensor PerDimension(Tensor mu, Tensor logVariance) =>
        -0.5 * (1 + logVariance - mu.pow(2) - logVariance.exp());

    /// <summary>
    /// The variant printed in one of the VAE lecture's slides, −½ Σ (1 + σ² − μ² − log σ). It is wrong: σ² and log σ swap roles and
    /// log σ is not log σ². At μ = 0, σ = 1 (q = p, so KL = 0) it gives −1, a negative "divergence".
    /// Kept only to show it wrong by numbers.
    /// </summary>
    public static Tensor MisprintedVariant(Tensor mu, Tensor logVariance)
    {
        var variance = logVariance.exp();
        return (-0.5 * (1 + variance - mu.pow(2) - 0.5 * logVariance)).sum(-1);   // log σ = ½ log σ²
    }

    /// <summary>
    /// A Monte Carlo estimate (1/S) Σₛ [log q(zₛ) − log p(zₛ)], zₛ ~ q, with its standard error, per example
    /// (one value per row of B×d inputs). Converges to <see cref="ClosedForm"/> as S grows.
    /// </summary>
    public static (Tensor Estimate, Tensor StandardError) MonteCarlo(Tensor mu, Tensor logVariance, int samples, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var sigma = (0.5 * logVariance).exp();
        var epsilon = randn([samples, .. mu.shape], dtype: mu.dtype, generator: generator);
        var z = mu + sigma * epsilon;
        var logRatio = (LogNormal(z, mu, logVariance) - LogNormal(z, zeros_like(mu), zeros_like(mu))).sum(-1);   // S×B
        var estimate = logRatio.mean([0]);
        var standardError = logRatio.std(dimensions: [0]) / Math.Sqrt(samples);
        return (estimate.MoveToOuterDisposeScope(), standardError.MoveToOuterDisposeScope());
    }

    /// <summary>log N(z; μ, σ²) element-wise: −½ (log 2π + log σ² + (z − μ)²/σ²).</summary>
    public static Tensor LogNormal(Tensor z, Tensor mu, Tensor logVariance) =>
        -0.5 * (Math.Log(2 * Math.PI) + logVariance + (z - mu).pow(2) / logVariance.exp());
}
