using System.Diagnostics;
using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>How a model does on a data set: mean loss, accuracy, the confusion matrix and accuracy per class.</summary>
/// <param name="Loss">Mean loss per example.</param>
/// <param name="Accuracy">Fraction classified correctly (NaN if the outputs are not class scores).</param>
/// <param name="ConfusionMatrix">[true class, predicted class] counts (0×0 if not classification).</param>
/// <param name="PerClassAccuracy">Accuracy on the examples of each true class (NaN for a class with no examples).</param>
/// <param name="Count">The number of examples.</param>
public sealed record Evaluation(double Loss, double Accuracy, long[,] ConfusionMatrix, double[] PerClassAccuracy, int Count)
{
    /// <summary>e.g. <c>loss 0.0412, accuracy 98.91% on 10000 examples</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"loss {Loss:F4}, accuracy {EpochMetrics.Percent(Accuracy)} on {Count} examples");
}
