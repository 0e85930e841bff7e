using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// Numerically stable softmax over the last dimension: softmax(z)ᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z).
/// Subtracting the maximum changes nothing mathematically (it cancels) but keeps e^z from overflowing.
/// </summary>
public static class Softmax
{
    /// <summary>Softmax of each row; the cache is the output.</summary>
    public static (Tensor Output, Tensor Cache) Forward(Tensor logits)
    {
        var shifted = logits - logits.amax([-1], keepdim: true);
        var e = shifted.exp();
        var y = e / e.sum(-1, keepdim: true);
        return (y, y);
    }

    /// <summary>∂L/∂zᵢ = yᵢ (dyᵢ − Σⱼ dyⱼ yⱼ)  (the Jacobian diag(y) − y yᵀ applied to dy).</summary>
    public static Gradients Backward(Tensor upstream, Tensor cache) =>
        new(cache * (upstream - (upstream * cache).sum(-1, keepdim: true)));

    /// <summary>log softmax with the log-sum-exp trick: zᵢ − (m + log Σⱼ e^(zⱼ − m)), m = max z.</summary>
    public static Tensor LogSoftmax(Tensor logits)
    {
        var m = logits.amax([-1], keepdim: true);
        var logSumExp = m + (logits - m).exp().sum(-1, keepdim: true).log();
        return logits - logSumExp;
    }
}

/// <summary>
/// Softmax cross-entropy for class labels: L = (1/N) Σₙ −log softmax(zₙ)[yₙ] = (1/N) Σₙ (logsumexp(zₙ) − zₙ[yₙ]).
/// Computed from the logits with log-sum-exp, never as log(softmax), so it cannot take log(0).
/// </summary>
public static class CrossEntropy
{
    /// <summary>What backward needs: the softmax probabilities and the labels.</summary>
    public sealed record Cache(Tensor Probabilities, Tensor Targets);

    /// <summary>Mean cross-entropy of N×K logits against N int64 labels in [0, K).</summary>
    public static (Tensor Loss, Cache Cache) Forward(Tensor logits, Tensor targets)
    {
        if (logits.dim() != 2 || targets.dim() != 1 || targets.shape[0] != logits.shape[0])
            throw new ArgumentException($"CrossEntropy expects N×K logits and N labels, but got {ShapeText.Of(logits)} and {ShapeText.Of(targets)}.");
        var logProbabilities = Softmax.LogSoftmax(logits);
        var picked = logProbabilities.gather(1, targets.unsqueeze(1)).squeeze(1);
        return (-picked.mean(), new Cache(logProbabilities.exp(), targets));
    }

    /// <summary>∂L/∂z = (softmax(z) − onehot(y)) / N, times the upstream scalar (1 when the loss is the output).</summary>
    public static Gradients Backward(Cache cache, Tensor? upstream = null)
    {
        long n = cache.Probabilities.shape[0];
        var oneHot = nn.functional.one_hot(cache.Targets, cache.Probabilities.shape[1]).to_type(cache.Probabilities.dtype);
        var dz = (cache.Probabilities - oneHot) / n;
        return new(upstream is null ? dz : dz * upstream);
    }
}

/// <summary>Mean squared error: L = (1/n) Σ (ŷ − y)², over every element.</summary>
public static class MseLoss
{
    /// <summary>What backward needs: the difference ŷ − y.</summary>
    public sealed record Cache(Tensor Difference);

    /// <summary>Mean of (prediction − target)².</summary>
    public static (Tensor Loss, Cache Cache) Forward(Tensor prediction, Tensor target)
    {
        var difference = prediction - target;
        return (difference.pow(2).mean(), new Cache(difference));
    }

    /// <summary>∂L/∂ŷ = 2(ŷ − y) / n.</summary>
    public static Gradients Backward(Cache cache, Tensor? upstream = null)
    {
        var d = 2 * cache.Difference / cache.Difference.numel();
        return new(upstream is null ? d : d * upstream);
    }
}

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
