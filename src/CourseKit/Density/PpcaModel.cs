using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Density;

/// <summary>
/// Probabilistic PCA (Tipping and Bishop 1999, "Probabilistic Principal Component Analysis"): z ~ N(0, I_d), x | z ~ N(Wz + μ, σ²I_D), so that
/// p(x) = N(μ, C) with C = WWᵀ + σ²I. The maximum-likelihood solution is closed form, from the
/// eigen-decomposition S = UΛUᵀ of the sample covariance:
/// W_ML = U_d (Λ_d − σ²I)^{1/2} R and σ²_ML = (1/(D−d)) Σ_{q>d} λ_q.
/// </summary>
/// <param name="Mean">μ, the sample mean (D).</param>
/// <param name="W">W_ML (D×d), with R = I unless rotated.</param>
/// <param name="NoiseVariance">σ²_ML.</param>
/// <param name="Eigenvalues">All D eigenvalues of the sample covariance, largest first.</param>
/// <param name="Eigenvectors">The matching eigenvectors as columns (D×D).</param>
public sealed record PpcaModel(Tensor Mean, Tensor W, double NoiseVariance, Tensor Eigenvalues, Tensor Eigenvectors) : IDisposable
{
    /// <summary>D, the data dimension.</summary>
    public long DataDimension => W.shape[0];

    /// <summary>d, the latent dimension.</summary>
    public long LatentDimension => W.shape[1];

    /// <summary>The model covariance C = WWᵀ + σ²I.</summary>
    public Tensor Covariance() => W.matmul(W.T) + NoiseVariance * eye(DataDimension, dtype: float64);

    /// <summary>Mean log p(x) over the rows of <paramref name="data"/> (nats per example): log N(x; μ, C).</summary>
    public double MeanLogLikelihood(Tensor data) => MeanLogLikelihood(data, Mean, W, NoiseVariance);

    /// <summary>Mean log N(x; μ, WWᵀ + σ²I) for any parameters, to compare the ML solution with perturbed ones.</summary>
    public static double MeanLogLikelihood(Tensor data, Tensor mean, Tensor w, double noiseVariance)
    {
        using var scope = NewDisposeScope();
        long dim = w.shape[0];
        var c = w.matmul(w.T) + noiseVariance * eye(dim, dtype: float64);
        var centred = data.to_type(float64) - mean;
        var cholesky = linalg.cholesky(c);
        var solved = linalg.solve_triangular(cholesky, centred.T, upper: false);       // L⁻¹(x − μ)
        var mahalanobis = solved.pow(2).sum(dim: 0);   // (a bare sum(0) would pick the ScalarType overload)
        double logDet = 2 * cholesky.diagonal().log().sum().item<double>();
        // log N(x; μ, C) = −½ (D log 2π + log|C| + (x−μ)ᵀC⁻¹(x−μ))
        return (-0.5 * (dim * Math.Log(2 * Math.PI) + logDet + mahalanobis)).mean().item<double>();
    }

    /// <summary>
    /// The maximised log-likelihood in closed form (Tipping and Bishop, eq. 16, per example):
    /// −½ (D log 2π + Σ_{j≤d} log λ_j + (D−d) log σ² + D).
    /// </summary>
    public double ClosedFormMeanLogLikelihood()
    {
        long dim = DataDimension, d = LatentDimension;
        double sumLogTop = Eigenvalues.narrow(0, 0, d).log().sum().item<double>();
        return -0.5 * (dim * Math.Log(2 * Math.PI) + sumLogTop + (dim - d) * Math.Log(NoiseVariance) + dim);
    }

    /// <summary>Draws <paramref name="count"/> samples x = Wz + μ + σε, z ~ N(0, I), ε ~ N(0, I).</summary>
    public Tensor Sample(int count, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var z = randn(count, LatentDimension, dtype: float64, generator: generator);
        var noise = randn(count, DataDimension, dtype: float64, generator: generator);
        return (z.matmul(W.T) + Mean + Math.Sqrt(NoiseVariance) * noise).MoveToOuterDisposeScope();
    }

    /// <summary>The posterior mean E[z | x] = M⁻¹Wᵀ(x − μ), M = WᵀW + σ²I: the PPCA "encoder".</summary>
    public Tensor Encode(Tensor data)
    {
        using var scope = NewDisposeScope();
        var m = W.T.matmul(W) + NoiseVariance * eye(LatentDimension, dtype: float64);
        var projected = (data.to_type(float64) - Mean).matmul(W);                        // (x−μ)ᵀW
        return linalg.solve(m, projected.T).T.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Mean.Dispose();
        W.Dispose();
        Eigenvalues.Dispose();
        Eigenvectors.Dispose();
    }
}
