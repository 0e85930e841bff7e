namespace CourseKit.Generative;

/// <summary>
/// A latent variable model small enough to integrate exactly: z ~ N(0, 1) (one latent dimension) and
/// x | z ~ N(w z + b, s² I) in D dimensions. Its evidence p(x) = N(b, wwᵀ + s²I) and posterior p(z|x) are
/// Gaussian in closed form, and every expectation over z can also be integrated on a fine grid, so each line
/// of the ELBO derivation can be checked with numbers.
/// </summary>
/// <param name="W">The loading vector w (D).</param>
/// <param name="B">The offset b (D).</param>
/// <param name="NoiseStd">s, the decoder's noise standard deviation.</param>
public sealed record LinearGaussianModel(double[] W, double[] B, double NoiseStd)
{
    /// <summary>log p(z) = log N(z; 0, 1).</summary>
    public static double LogPrior(double z) => LogNormal(z, 0, 1);

    /// <summary>log p(x | z) = Σ_i log N(x_i; w_i z + b_i, s²).</summary>
    public double LogLikelihood(double[] x, double z) =>
        x.Select((xi, i) => LogNormal(xi, W[i] * z + B[i], NoiseStd * NoiseStd)).Sum();

    /// <summary>log p(x, z) = log p(x|z) + log p(z).</summary>
    public double LogJoint(double[] x, double z) => LogLikelihood(x, z) + LogPrior(z);

    /// <summary>
    /// The exact posterior p(z|x) = N(m, v): v = 1/(1 + ‖w‖²/s²), m = v wᵀ(x − b)/s² (completing the square).
    /// </summary>
    public (double Mean, double Variance) Posterior(double[] x)
    {
        double s2 = NoiseStd * NoiseStd;
        double variance = 1 / (1 + W.Sum(wi => wi * wi) / s2);
        double mean = variance * x.Select((xi, i) => W[i] * (xi - B[i])).Sum() / s2;
        return (mean, variance);
    }

    /// <summary>
    /// The exact evidence log p(x) = log N(x; b, wwᵀ + s²I), using |wwᵀ + s²I| = s^{2D}(1 + ‖w‖²/s²) and the
    /// Sherman–Morrison inverse (wwᵀ + s²I)⁻¹ = I/s² − wwᵀ/(s²(s² + ‖w‖²)).
    /// </summary>
    public double LogEvidence(double[] x)
    {
        int d = x.Length;
        double s2 = NoiseStd * NoiseStd, ww = W.Sum(wi => wi * wi);
        double[] r = x.Select((xi, i) => xi - B[i]).ToArray();
        double rr = r.Sum(ri => ri * ri), wr = r.Select((ri, i) => ri * W[i]).Sum();
        double quadratic = rr / s2 - wr * wr / (s2 * (s2 + ww));
        double logDet = d * Math.Log(s2) + Math.Log(1 + ww / s2);
        return -0.5 * (d * Math.Log(2 * Math.PI) + logDet + quadratic);
    }

    /// <summary>log N(v; mean, variance).</summary>
    public static double LogNormal(double v, double mean, double variance) =>
        -0.5 * (Math.Log(2 * Math.PI * variance) + (v - mean) * (v - mean) / variance);
}
