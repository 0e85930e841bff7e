using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Assignments;

/// <summary>
/// Trained models cross the grading channel as tensors, not objects: an answer returns its model's
/// <c>state_dict().Values</c> (in order), and the grader (or a notebook self-check) loads them into its own copy of
/// the same architecture before measuring anything.
/// </summary>
public static class ModelState
{
    /// <summary>
    /// Copies <paramref name="values"/> (a list of tensors, the state dict's values in order) into
    /// <paramref name="model"/>. Throws <see cref="ArgumentException"/> saying what does not fit: not a list of tensors,
    /// the wrong count, a wrong shape, NaN or ∞.
    /// </summary>
    public static void Load(nn.Module model, object? values)
    {
        if (values is not System.Collections.IList items)
            throw new ArgumentException($"expected the model's state_dict values as a list of tensors, got {values?.GetType().Name ?? "null"}.");
        var targets = model.state_dict();
        if (items.Count != targets.Count)
            throw new ArgumentException($"expected {targets.Count} tensors (the architecture's state_dict), got {items.Count}.");
        int k = 0;
        foreach (var (name, target) in targets) LoadOne(name, target, items[k++]);
    }

    private static void LoadOne(string name, Tensor target, object? item)
    {
        if (item is not Tensor { IsInvalid: false } source)
            throw new ArgumentException($"{name}: expected a tensor, got {item?.GetType().Name ?? "null"}.");
        if (!source.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"{name}: shape {ShapeText.Of(source)}, but the architecture has {ShapeText.Of(target)}.");
        using var noGrad = no_grad();
        if (source.is_floating_point())
        {
            using var finite = source.isfinite().all();
            if (!finite.item<bool>()) throw new ArgumentException($"{name} contains NaN or ∞.");
        }
        target.copy_(source);
    }
}
