using static System.FormattableString;

namespace CourseKit.Training;

/// <summary>What one epoch of training measured; the <see cref="Trainer"/> reports one per epoch.</summary>
/// <param name="Epoch">The epoch number, starting at 1.</param>
/// <param name="TrainLoss">Mean loss over the training examples of this epoch.</param>
/// <param name="TrainAccuracy">Fraction of training examples classified correctly during the epoch (NaN if the task is not classification).</param>
/// <param name="ValidationLoss">Mean loss on the validation set, or null without one.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set, or null without one.</param>
/// <param name="LearningRate">The learning rate at the end of the epoch.</param>
/// <param name="Elapsed">Wall-clock time since training started.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double LearningRate,
    TimeSpan Elapsed)
{
    /// <summary>One line for a terminal, e.g. <c>epoch 3: train loss 0.1234 acc 96.10% | val loss 0.0987 acc 97.00% | 12.3 s</c> (no accuracy outside classification).</summary>
    public override string ToString()
    {
        string line = Invariant($"epoch {Epoch}: train loss {TrainLoss:F4}") + Accuracy(TrainAccuracy);
        if (ValidationLoss is double vl) line += Invariant($" | val loss {vl:F4}") + Accuracy(ValidationAccuracy ?? double.NaN);
        return line + Invariant($" | lr {LearningRate:G3} | {Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>" acc 98.12%", or nothing when the task is not classification (NaN accuracy).</summary>
    private static string Accuracy(double fraction) => double.IsNaN(fraction) ? "" : " acc " + Percent(fraction);

    /// <summary>A fraction as a percentage with two decimals, e.g. 0.9812 → "98.12%" (culture-independent).</summary>
    public static string Percent(double fraction) => Invariant($"{100 * fraction:F2}%");
}
