using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Density;

/// <summary>Fits probabilistic PCA in closed form.</summary>
public static class Ppca
{
    /// <summary>
    /// Fits PPCA with <paramref name="latentDimension"/> latent dimensions to the rows of <paramref name="data"/>
    /// (N×D, or N×C×H×W flattened), in float64: S = (1/N) Σ (x − x̄)(x − x̄)ᵀ = UΛUᵀ,
    /// σ² = mean of the D − d discarded eigenvalues, W = U_d (Λ_d − σ²I)^{1/2}.
    /// </summary>
    public static PpcaModel Fit(Tensor data, int latentDimension)
    {
        using var scope = NewDisposeScope();
        var x = data.reshape(data.shape[0], -1).to_type(float64);
        long n = x.shape[0], dim = x.shape[1];
        if (latentDimension < 1 || latentDimension >= dim)
            throw new ArgumentOutOfRangeException(nameof(latentDimension), latentDimension, $"the latent dimension d must be between 1 and D − 1 = {dim - 1}");
        var mean = x.mean([0]);
        var centred = x - mean;
        var covariance = centred.T.matmul(centred) / n;
        var (values, vectors) = linalg.eigh(covariance);                  // ascending
        values = values.flip(0).clamp_min(0);
        vectors = vectors.flip(1);
        double noise = values.narrow(0, latentDimension, dim - latentDimension).mean().item<double>();
        var top = values.narrow(0, 0, latentDimension);
        var w = vectors.narrow(1, 0, latentDimension) * (top - noise).clamp_min(0).sqrt();  // U_d (Λ_d − σ²I)^{1/2}
        return new PpcaModel(mean.MoveToOuterDisposeScope(), w.MoveToOuterDisposeScope(), noise,
            values.MoveToOuterDisposeScope(), vectors.MoveToOuterDisposeScope());
    }
}
