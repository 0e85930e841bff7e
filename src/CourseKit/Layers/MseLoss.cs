using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

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
