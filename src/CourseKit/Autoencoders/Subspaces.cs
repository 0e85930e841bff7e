using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>Comparing linear subspaces: is what a linear autoencoder learned the PCA subspace?</summary>
public static class Subspaces
{
    /// <summary>
    /// The principal angles (radians, ascending) between the column spaces of <paramref name="a"/> (D×p) and
    /// <paramref name="b"/> (D×q): orthonormalise both (QR), then θᵢ = arccos σᵢ(Q_aᵀQ_b). All zero means the
    /// same subspace, whatever the basis.
    /// </summary>
    public static double[] PrincipalAngles(Tensor a, Tensor b)
    {
        if (a.shape[0] != b.shape[0]) throw new ArgumentException($"both bases need the same number of rows (D); got {a.shape[0]} and {b.shape[0]}");
        using var scope = NewDisposeScope();
        var (qa, _) = linalg.qr(a.to_type(float64));
        var (qb, _) = linalg.qr(b.to_type(float64));
        var cosines = linalg.svdvals(qa.T.matmul(qb)).clamp(-1, 1);
        return cosines.acos().data<double>().ToArray().Order().ToArray();
    }

    /// <summary>
    /// The top <paramref name="count"/> principal directions of <paramref name="data"/> (N×D, or N×… flattened)
    /// as columns of a D×count matrix: the right singular vectors of the centred data.
    /// </summary>
    public static Tensor PrincipalDirections(Tensor data, int count)
    {
        using var scope = NewDisposeScope();
        var x = data.reshape(data.shape[0], -1).to_type(float64);
        var centred = x - x.mean([0]);
        var (_, _, vh) = linalg.svd(centred, fullMatrices: false);
        return vh.narrow(0, 0, count).T.contiguous().MoveToOuterDisposeScope();
    }
}
