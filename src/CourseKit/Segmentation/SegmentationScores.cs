using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

/// <summary>Scores of a segmentation.</summary>
/// <param name="MeanIou">Mean over classes present in truth or prediction of IoU_c = TP / (TP + FP + FN).</param>
/// <param name="PerClassIou">IoU of each class (NaN if the class appears in neither).</param>
/// <param name="PixelAccuracy">Fraction of pixels labelled correctly.</param>
/// <param name="BoundaryAccuracy">Accuracy on pixels within the boundary band of the truth.</param>
public sealed record SegmentationScores(double MeanIou, double[] PerClassIou, double PixelAccuracy, double BoundaryAccuracy)
{
    /// <summary>One line.</summary>
    public override string ToString() =>
        $"mean IoU {MeanIou:0.000}, pixel accuracy {PixelAccuracy:0.000}, boundary accuracy {BoundaryAccuracy:0.000} (IoU per class {string.Join(" ", PerClassIou.Select(v => v.ToString("0.000")))})";
}
