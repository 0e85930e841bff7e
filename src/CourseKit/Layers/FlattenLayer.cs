using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>Flatten: N×C×H×W → N×(C·H·W), the bridge from convolutional to fully connected layers.</summary>
public static class FlattenLayer
{
    /// <summary>Keeps the first dimension, flattens the rest; the cache is the input shape.</summary>
    public static (Tensor Output, long[] Cache) Forward(Tensor x) => (x.reshape(x.shape[0], -1), x.shape);

    /// <summary>Reshapes the gradient back to the input's shape.</summary>
    public static Gradients Backward(Tensor upstream, long[] cache) => new(upstream.reshape(cache));
}
