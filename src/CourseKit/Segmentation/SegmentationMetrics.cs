using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

/// <summary>Mean IoU, pixel accuracy and boundary accuracy from predicted and true label maps.</summary>
public static class SegmentationMetrics
{
    /// <summary>confusion[t, p] = number of pixels of true class t predicted as p.</summary>
    public static long[,] ConfusionMatrix(Tensor predicted, Tensor truth, int classes)
    {
        using var scope = NewDisposeScope();
        var index = (truth.to(ScalarType.Int64) * classes + predicted.to(ScalarType.Int64)).flatten();
        var counts = index.bincount(null, classes * classes).contiguous().data<long>().ToArray();
        var matrix = new long[classes, classes];
        for (int t = 0; t < classes; t++)
            for (int p = 0; p < classes; p++) matrix[t, p] = counts[t * classes + p];
        return matrix;
    }

    /// <summary>IoU_c = TP_c / (TP_c + FP_c + FN_c) per class, and their mean over classes that occur.</summary>
    public static (double Mean, double[] PerClass) MeanIou(long[,] confusion)
    {
        int k = confusion.GetLength(0);
        var perClass = new double[k];
        for (int c = 0; c < k; c++)
        {
            long tp = confusion[c, c], fn = 0, fp = 0;
            for (int j = 0; j < k; j++)
            {
                if (j == c) continue;
                fn += confusion[c, j];
                fp += confusion[j, c];
            }
            perClass[c] = tp + fp + fn == 0 ? double.NaN : tp / (double)(tp + fp + fn);
        }
        var present = perClass.Where(v => !double.IsNaN(v)).ToArray();
        return (present.Length == 0 ? double.NaN : present.Average(), perClass);
    }

    /// <summary>
    /// Pixels within <paramref name="band"/> pixels (chessboard distance) of a place where the true label changes:
    /// the "neighbouring boundary pixels" the segmentation lecture says coarse networks cannot tell apart. N×H×W bool.
    /// </summary>
    public static Tensor BoundaryBand(Tensor truth, int band = 1)
    {
        using var scope = NewDisposeScope();
        var labels = truth.to(ScalarType.Float32).unsqueeze(1);
        // A pixel is on an edge where the 3×3 max and min of the labels differ.
        var max = F.max_pool2d(labels, 3, 1, 1);
        var min = -F.max_pool2d(-labels, 3, 1, 1);
        var edge = (max != min).to(ScalarType.Float32);
        var grown = band > 1 ? F.max_pool2d(edge, 2 * band - 1, 1, band - 1) : edge;
        return (grown.squeeze(1) > 0).MoveToOuterDisposeScope();
    }

    /// <summary>All scores of predicted label maps against the truth (both N×H×W).</summary>
    public static SegmentationScores Score(Tensor predicted, Tensor truth, int classes, int band = 1)
    {
        var confusion = ConfusionMatrix(predicted, truth, classes);
        var (mean, perClass) = MeanIou(confusion);
        using var scope = NewDisposeScope();
        var correct = predicted.to(ScalarType.Int64) == truth.to(ScalarType.Int64);
        double accuracy = correct.to(ScalarType.Float64).mean().item<double>();
        var boundary = BoundaryBand(truth, band);
        double boundaryAccuracy = (correct & boundary).sum().item<long>() / (double)Math.Max(1, boundary.sum().item<long>());
        return new SegmentationScores(mean, perClass, accuracy, boundaryAccuracy);
    }
}
