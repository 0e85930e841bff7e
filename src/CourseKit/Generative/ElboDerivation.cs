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

/// <summary>One line of a derivation with both sides evaluated.</summary>
/// <param name="Equation">The line, as the lecture writes it.</param>
/// <param name="Left">Its left-hand side, evaluated.</param>
/// <param name="Right">Its right-hand side, evaluated independently.</param>
/// <param name="Relation">"=" or "≥".</param>
public sealed record CheckedLine(string Equation, double Left, double Right, string Relation = "=")
{
    /// <summary>Whether the relation holds within <paramref name="tolerance"/>.</summary>
    public bool Holds(double tolerance = 1e-6) =>
        Relation == "=" ? Math.Abs(Left - Right) <= tolerance * Math.Max(1, Math.Abs(Left)) : Left >= Right - tolerance;
}

/// <summary>
/// The ELBO derivation of the VAE lecture (Kingma and Welling 2014), line by line, on a <see cref="LinearGaussianModel"/>: every
/// expectation over q(z|x) = N(m, v) and every integral over z is computed by quadrature on a fine grid,
/// and compared with the closed forms.
/// </summary>
public static class ElboDerivation
{
    /// <summary>
    /// Evaluates both sides of each line for observation <paramref name="x"/> and the variational posterior
    /// q(z|x) = N(<paramref name="qMean"/>, <paramref name="qVariance"/>).
    /// </summary>
    public static IReadOnlyList<CheckedLine> Check(LinearGaussianModel model, double[] x, double qMean, double qVariance)
    {
        if (qVariance <= 0) throw new ArgumentOutOfRangeException(nameof(qVariance), qVariance, "q's variance must be positive");
        var grid = Grid(-12, 12, 24001);
        double LogQ(double z) => LinearGaussianModel.LogNormal(z, qMean, qVariance);
        double Eq(Func<double, double> f) => Integrate(grid, z => Math.Exp(LogQ(z)) * f(z));   // E_q[f(z)]

        double logEvidence = model.LogEvidence(x);
        double evidenceByIntegral = Math.Log(Integrate(grid, z => Math.Exp(model.LogJoint(x, z))));
        var (postMean, postVariance) = model.Posterior(x);
        double z0 = 0.3;
        double bayes = model.LogJoint(x, z0) - logEvidence;
        double klToPosterior = Eq(z => LogQ(z) - (model.LogJoint(x, z) - logEvidence));         // ∫ q log(q / p(z|x))
        double eLogQ = Eq(LogQ), eLogJoint = Eq(z => model.LogJoint(x, z));
        double eLogLikelihood = Eq(z => model.LogLikelihood(x, z)), eLogPrior = Eq(LinearGaussianModel.LogPrior);
        double elbo = eLogJoint - eLogQ;
        double klToPrior = Eq(z => LogQ(z) - LinearGaussianModel.LogPrior(z));
        double klClosed = -0.5 * (1 + Math.Log(qVariance) - qMean * qMean - qVariance);
        double jensenLeft = Math.Log(Integrate(grid, z => Math.Exp(LogQ(z)) * Math.Exp(model.LogJoint(x, z) - LogQ(z))));

        return
        [
            new("log p(x) = log ∫ p(x|z) p(z) dz   (closed form vs. quadrature)", logEvidence, evidenceByIntegral),
            new("log p(z|x) = log p(x|z) + log p(z) − log p(x)   (Bayes, at z = 0.3)", LinearGaussianModel.LogNormal(z0, postMean, postVariance), bayes),
            new("log p(x) = log ∫ q(z|x) · p(x,z)/q(z|x) dz", logEvidence, jensenLeft),
            new("log ∫ q · p(x,z)/q dz ≥ ∫ q log[p(x,z)/q] dz   (Jensen)", jensenLeft, elbo, "≥"),
            new("KL(q‖p(z|x)) = E_q[log q] − E_q[log p(x,z)] + log p(x)", klToPosterior, eLogQ - eLogJoint + logEvidence),
            new("ELBO = E_q[log p(x,z)] − E_q[log q(z|x)]", elbo, eLogJoint - eLogQ),
            new("log p(x) = KL(q‖p(z|x)) + ELBO", logEvidence, klToPosterior + elbo),
            new("E_q[log p(x,z)] = E_q[log p(x|z)] + E_q[log p(z)]", eLogJoint, eLogLikelihood + eLogPrior),
            new("KL(q‖p(z)) = E_q[log q(z|x) − log p(z)] = −½(1 + log σ² − μ² − σ²)", klToPrior, klClosed),
            new("ELBO = E_q[log p(x|z)] − KL(q‖p(z))", elbo, eLogLikelihood - klClosed),
            new("log p(x) ≥ ELBO   (KL ≥ 0)", logEvidence, elbo, "≥"),
        ];
    }

    /// <summary>The ELBO of q = N(m, v) by quadrature (equals log p(x) exactly when q is the posterior).</summary>
    public static double Elbo(LinearGaussianModel model, double[] x, double qMean, double qVariance)
    {
        var grid = Grid(-12, 12, 24001);
        return Integrate(grid, z =>
        {
            double logQ = LinearGaussianModel.LogNormal(z, qMean, qVariance);
            return Math.Exp(logQ) * (model.LogJoint(x, z) - logQ);
        });
    }

    private static double[] Grid(double low, double high, int points) =>
        Enumerable.Range(0, points).Select(i => low + (high - low) * i / (points - 1)).ToArray();

    // Trapezoid rule on a uniform grid.
    private static double Integrate(double[] grid, Func<double, double> f)
    {
        double h = grid[1] - grid[0], sum = 0;
        for (int i = 0; i < grid.Length; i++) sum += (i == 0 || i == grid.Length - 1 ? 0.5 : 1) * f(grid[i]);
        return sum * h;
    }
}
