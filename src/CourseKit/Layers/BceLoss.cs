using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// Binary cross-entropy on probabilities p ∈ (0, 1): L = −(1/n) Σ [y log p + (1 − y) log(1 − p)].
/// For raw scores prefer <see cref="BceWithLogitsLoss"/>, which is stable for large |z|.
/// </summary>
public static class BceLoss
{
    /// <summary>What backward needs: the probabilities and the targets.</summary>
    public sealed record Cache(Tensor Probabilities, Tensor Targets);

    /// <summary>Mean binary cross-entropy (log clamped at −100, as PyTorch does, so p = 0 or 1 stays finite).</summary>
    public static (Tensor Loss, Cache Cache) Forward(Tensor probabilities, Tensor targets)
    {
        var logP = probabilities.log().clamp_min(-100);
        var logNotP = (1 - probabilities).log().clamp_min(-100);
        var loss = -(targets * logP + (1 - targets) * logNotP).mean();
        return (loss, new Cache(probabilities, targets));
    }

    /// <summary>∂L/∂p = (p − y) / (p (1 − p)) / n.</summary>
    public static Gradients Backward(Cache cache, Tensor? upstream = null)
    {
        var p = cache.Probabilities;
        var d = (p - cache.Targets) / (p * (1 - p)).clamp_min(1e-12) / p.numel();
        return new(upstream is null ? d : d * upstream);
    }
}
