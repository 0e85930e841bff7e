using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>
/// Numerically stable softmax over the last dimension: softmax(z)ᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z).
/// Subtracting the maximum changes nothing mathematically (it cancels) but keeps e^z from overflowing.
/// </summary>
public static class SoftmaxLayer
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
