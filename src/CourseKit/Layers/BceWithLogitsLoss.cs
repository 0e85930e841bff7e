using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// Binary cross-entropy on logits z (p = σ(z)), written stably: L = (1/n) Σ [max(z, 0) − z·y + log(1 + e^(−|z|))].
/// </summary>
public static class BceWithLogitsLoss
{
    /// <summary>What backward needs: the logits and the targets.</summary>
    public sealed record Cache(Tensor Logits, Tensor Targets);

    /// <summary>Mean binary cross-entropy of σ(logits) against targets in [0, 1].</summary>
    public static (Tensor Loss, Cache Cache) Forward(Tensor logits, Tensor targets)
    {
        var loss = (logits.clamp_min(0) - logits * targets + (-logits.abs()).exp().log1p()).mean();
        return (loss, new Cache(logits, targets));
    }

    /// <summary>∂L/∂z = (σ(z) − y) / n.</summary>
    public static Gradients Backward(Cache cache, Tensor? upstream = null)
    {
        var d = (cache.Logits.sigmoid() - cache.Targets) / cache.Logits.numel();
        return new(upstream is null ? d : d * upstream);
    }
}
