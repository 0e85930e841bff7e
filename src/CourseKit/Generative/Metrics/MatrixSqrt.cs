using CourseKit.Models;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Metrics;

/// <summary>Matrix square roots for the Fréchet distance.</summary>
public static class MatrixSqrt
{
    /// <summary>
    /// The symmetric positive semi-definite root of a symmetric PSD matrix A: A = V diag(λ) Vᵀ ⇒ A^{1/2} = V diag(√λ) Vᵀ
    /// (eigenvalues below zero from rounding are clipped to 0).
    /// </summary>
    public static Tensor Symmetric(Tensor a)
    {
        using var scope = NewDisposeScope();
        var symmetric = 0.5 * (a + a.T);
        var (values, vectors) = linalg.eigh(symmetric);
        return vectors.matmul(diag(values.clamp_min(0).sqrt())).matmul(vectors.T).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The Newton–Schulz iteration for A^{1/2} (Higham 2008): with Y₀ = A/‖A‖_F, Z₀ = I,
    /// Yₖ₊₁ = ½Yₖ(3I − ZₖYₖ), Zₖ₊₁ = ½(3I − ZₖYₖ)Zₖ; then A^{1/2} ≈ √‖A‖_F · Y. Converges for PSD A; uses only matrix products.
    /// </summary>
    public static Tensor NewtonSchulz(Tensor a, int iterations = 50)
    {
        using var scope = NewDisposeScope();
        var norm = a.norm();
        var identity = eye(a.shape[0], dtype: a.dtype);
        var y = a / norm;
        var z = identity;
        for (int k = 0; k < iterations; k++)
        {
            var t = 0.5 * (3 * identity - z.matmul(y));
            (y, z) = (y.matmul(t), t.matmul(z));
        }
        return (y * norm.sqrt()).MoveToOuterDisposeScope();
    }
}
