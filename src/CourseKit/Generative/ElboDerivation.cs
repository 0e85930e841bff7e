namespace CourseKit.Generative;

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
