using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Transfer;

/// <summary>One cell of the table: a target, an amount of data and a strategy, with the accuracy of every seed.</summary>
/// <param name="Target">"similar" (MNIST digits 5–9) or "different" (Fashion-MNIST classes 0–4).</param>
/// <param name="LabelsPerClass">Labelled training examples per class.</param>
/// <param name="Strategy">How the network was adapted.</param>
/// <param name="Accuracies">Test accuracy of each seed.</param>
public sealed record TransferResult(string Target, int LabelsPerClass, TransferStrategy Strategy, IReadOnlyList<double> Accuracies)
{
    /// <summary>The mean accuracy over seeds.</summary>
    public double Mean => Accuracies.Average();

    /// <summary>The sample standard deviation over seeds (0 for a single seed).</summary>
    public double StandardDeviation =>
        Accuracies.Count < 2 ? 0 : Math.Sqrt(Accuracies.Sum(a => (a - Mean) * (a - Mean)) / (Accuracies.Count - 1));
}
