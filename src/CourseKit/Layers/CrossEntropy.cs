using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

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
        var logProbabilities = SoftmaxLayer.LogSoftmax(logits);
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
