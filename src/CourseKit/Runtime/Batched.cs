using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Runtime;

/// <summary>
/// Runs a computation over a large tensor a slice at a time, without gradients, so that inference on thousands of
/// images keeps only one slice's intermediate tensors alive.
/// </summary>
public static class Batched
{
    /// <summary>
    /// Applies <paramref name="map"/> to <paramref name="inputs"/> in slices of <paramref name="batchSize"/> along the
    /// first dimension, without gradients, and concatenates the results: the same as <c>map(inputs)</c> for a map that
    /// treats examples independently (an encoder, a reconstruction), in bounded memory.
    /// </summary>
    /// <example>
    /// <code>
    /// var model = CourseKit.Autoencoders.Autoencoder.Mlp([1, 28, 28], [256], 32);
    /// var images = torch.rand(1200, 1, 28, 28);
    /// var codes = Batched.Map(images, model.Encode);   // 1200×32, computed 500 images at a time
    /// </code>
    /// </example>
    public static Tensor Map(Tensor inputs, Func<Tensor, Tensor> map, int batchSize = 500)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            parts.Add(map(inputs.narrow(0, start, Math.Min(batchSize, inputs.shape[0] - start))).MoveToOuterDisposeScope());
        }
        var result = cat(parts, 0);
        foreach (var part in parts) part.Dispose();
        return result;
    }
}
