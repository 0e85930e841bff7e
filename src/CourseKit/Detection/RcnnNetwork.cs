using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Detection;

/// <summary>
/// The per-region network of the R-CNN pipeline (Girshick et al. 2014: "compute CNN features, classify regions"):
/// a small CNN on a warped CropSize×CropSize region whose output row holds K+1 class scores
/// (index 0 = background) followed by 4 box-regression numbers (see <see cref="BoxRegression"/>).
/// One output tensor keeps it a plain <c>Module&lt;Tensor, Tensor&gt;</c>; <see cref="Loss"/> splits it.
/// </summary>
public sealed class RcnnNetwork : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Sequential head;

    /// <summary>A network for <paramref name="classes"/> object classes on crops of <paramref name="cropSize"/> pixels (a multiple of 4).</summary>
    public RcnnNetwork(int classes, int cropSize = 24) : base(nameof(RcnnNetwork))
    {
        if (cropSize % 4 != 0) throw new ArgumentException($"cropSize must be a multiple of 4, got {cropSize}");
        Classes = classes;
        CropSize = cropSize;
        features = Sequential(
            Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2),
            Conv2d(16, 32, 3, padding: 1), ReLU(), MaxPool2d(2),
            Conv2d(32, 48, 3, padding: 1), ReLU());
        int side = cropSize / 4;
        head = Sequential(Flatten(), Linear(48 * side * side, 128), ReLU(), Linear(128, classes + 1 + 4));
        RegisterComponents();
    }

    /// <summary>Number of object classes (background not counted).</summary>
    public int Classes { get; }

    /// <summary>Side of the warped region.</summary>
    public int CropSize { get; }

    /// <summary>N×1×S×S regions → N×(K+1+4): class scores, then box deltas.</summary>
    public override Tensor forward(Tensor crops)
    {
        using var scope = NewDisposeScope();
        return head.forward(features.forward(crops)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Cross-entropy on the K+1 scores plus smooth-L1 on the box deltas of the object (non-background) regions.
    /// <paramref name="targets"/> is N×5: class (0 = background, else label+1), then the 4 regression targets.
    /// </summary>
    public Tensor Loss(Tensor output, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var logits = output[.., ..(Classes + 1)];
        var deltas = output[.., (Classes + 1)..];
        var labels = targets[.., 0].to(ScalarType.Int64);
        var classification = F.cross_entropy(logits, labels);
        var objects = (labels > 0).to(ScalarType.Float32).unsqueeze(1);
        var perRegion = F.smooth_l1_loss(deltas, targets[.., 1..], reduction: Reduction.None) * objects;
        var regression = perRegion.sum() / objects.sum().clamp_min(1);
        return (classification + regression).MoveToOuterDisposeScope();
    }
}
