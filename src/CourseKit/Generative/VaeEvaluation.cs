using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>Test-set numbers for a trained <see cref="VariationalAutoencoder"/>.</summary>
public static class VaeEvaluation
{
    /// <summary>
    /// The mean −ELBO of <paramref name="images"/> (already in the form the decoder models, e.g. binary), with
    /// <paramref name="samples"/> reparameterised samples per image for E_q[log p(x|z)].
    /// </summary>
    public static VaeScore Evaluate(VariationalAutoencoder vae, Tensor images, int samples = 1, int batchSize = 500, int seed = 0)
    {
        using var mode = Training.EvaluationMode.Of(vae);   // the mode it had comes back afterwards
        using var noGrad = no_grad();
        var generator = new Generator().manual_seed(seed);
        double reconstruction = 0, kl = 0;
        var klPerDimension = new double[vae.LatentSize];
        long n = images.shape[0];
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var x = images.narrow(0, start, Math.Min(batchSize, n - start));
            var (mu, logVariance) = vae.Encode(x);
            var dimensionKL = GaussianKL.PerDimension(mu, logVariance);
            var logLikelihood = zeros(x.shape[0]);
            for (int s = 0; s < samples; s++)
                logLikelihood += vae.LogLikelihood(x, VariationalAutoencoder.Reparameterise(mu, logVariance, generator));
            reconstruction -= (logLikelihood / samples).sum().item<float>();
            kl += dimensionKL.sum().item<float>();
            var perDimension = dimensionKL.sum([0]).data<float>().ToArray();
            for (int j = 0; j < perDimension.Length; j++) klPerDimension[j] += perDimension[j];
        }
        long dimensions = images[0].numel();
        return new VaeScore((reconstruction + kl) / n, reconstruction / n, kl / n, klPerDimension.Select(k => k / n).ToArray(), dimensions);
    }

    /// <summary>
    /// The importance-weighted estimate of log p(x) (Burda et al. 2015), with q(z|x) as the proposal:
    /// log p(x) ≈ log (1/k) Σₖ p(x|zₖ)p(zₖ)/q(zₖ|x), zₖ ~ q(z|x), computed with logsumexp. k = 1 is the ELBO;
    /// the estimate rises towards log p(x) as k grows. Returns the mean −log p(x) in nats per image.
    /// </summary>
    public static double ImportanceWeightedNll(VariationalAutoencoder vae, Tensor images, int k, int batchSize = 100, int seed = 0)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "use at least one importance sample");
        using var mode = Training.EvaluationMode.Of(vae);   // the mode it had comes back afterwards
        using var noGrad = no_grad();
        var generator = new Generator().manual_seed(seed);
        double total = 0;
        long n = images.shape[0];
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var x = images.narrow(0, start, Math.Min(batchSize, n - start));
            var (mu, logVariance) = vae.Encode(x);
            var logWeights = new List<Tensor>();
            for (int s = 0; s < k; s++)
            {
                var z = VariationalAutoencoder.Reparameterise(mu, logVariance, generator);
                var logPrior = GaussianKL.LogNormal(z, zeros_like(z), zeros_like(z)).sum(1);
                var logQ = GaussianKL.LogNormal(z, mu, logVariance).sum(1);
                logWeights.Add(vae.LogLikelihood(x, z) + logPrior - logQ);     // log p(x|z) + log p(z) − log q(z|x)
            }
            var logMarginal = stack(logWeights, 1).logsumexp(1) - Math.Log(k);
            total -= logMarginal.sum().item<float>();
        }
        return total / n;
    }

    /// <summary>
    /// The VAE lecture's density-network estimate with the prior as the proposal (MacKay 1995):
    /// log p(x) ≈ log (1/R) Σᵣ p(x|zᵣ), zᵣ ~ p(z). Unbiased in p(x) but, in high dimensions, almost every zᵣ explains x
    /// badly, so with affordable R it badly underestimates log p(x). Returns the mean −log p(x) estimate (nats).
    /// </summary>
    public static double PriorSamplingNll(VariationalAutoencoder vae, Tensor images, int r, int seed = 0)
    {
        using var mode = Training.EvaluationMode.Of(vae);   // the mode it had comes back afterwards
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var generator = new Generator().manual_seed(seed);
        var logLikelihoods = new List<Tensor>();
        for (int s = 0; s < r; s++)
            logLikelihoods.Add(vae.LogLikelihood(images, randn(images.shape[0], vae.LatentSize, generator: generator)));
        var logMarginal = stack(logLikelihoods, 1).logsumexp(1) - Math.Log(r);
        return -logMarginal.mean().item<float>();
    }
}
