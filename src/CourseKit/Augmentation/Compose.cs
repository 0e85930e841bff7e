using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Augmentation;

/// <summary>Applies transforms one after the other (torchvision's <c>Compose</c>).</summary>
public sealed class Compose : ImageTransform
{
    private readonly ImageTransform[] transforms;

    /// <summary>Chains <paramref name="transforms"/>, first to last.</summary>
    public Compose(params ImageTransform[] transforms)
    {
        if (transforms.Length == 0) throw new ArgumentException("Compose needs at least one transform");
        this.transforms = transforms;
    }

    /// <inheritdoc/>
    protected override Tensor ApplyToImage(Tensor image, Random random)
    {
        using var scope = NewDisposeScope();
        Tensor current = image;
        foreach (var transform in transforms) current = transform.Apply(current, random);
        return (ReferenceEquals(current, image) ? image.clone() : current).MoveToOuterDisposeScope();
    }

    /// <summary>Lists the chained transforms.</summary>
    public override string ToString() => "Compose(" + string.Join(", ", transforms.Select(t => t.ToString())) + ")";
}
