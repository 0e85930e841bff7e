using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Segmentation;

/// <summary>The training loss of segmentation networks (the segmentation lecture: "pixel-wise cross entropy").</summary>
public static class SegmentationLoss
{
    /// <summary>
    /// L = −(1/(N·H·W)) Σ_{n,x,y} log softmax(a_{n,·,x,y})[y_{n,x,y}]: the classification cross-entropy applied
    /// to every pixel and averaged. <paramref name="logits"/> N×K×H×W, <paramref name="targets"/> N×H×W class indices.
    /// </summary>
    public static Tensor PixelCrossEntropy(Tensor logits, Tensor targets)
    {
        if (logits.dim() != 4 || targets.dim() != 3 || logits.shape[0] != targets.shape[0] || logits.shape[2] != targets.shape[1] || logits.shape[3] != targets.shape[2])
            throw new ArgumentException($"logits must be N×K×H×W and targets N×H×W with the same N, H, W; got {ShapeText.Of(logits)} and {ShapeText.Of(targets)}");
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(1);
        var picked = logProbabilities.gather(1, targets.to(ScalarType.Int64).unsqueeze(1));
        return (-picked.mean()).MoveToOuterDisposeScope();
    }
}
