using static System.FormattableString;

namespace CourseKit.Training;

/// <summary>
/// What one epoch of training measured, whatever the model: the <see cref="Trainer"/> reports one per epoch (or one per
/// report period when it trains on an endless stream). <see cref="Train"/> and <see cref="Validation"/> hold each
/// metric's mean by name: <see cref="Metric.Loss"/> and <see cref="Metric.Accuracy"/> for a classifier, the loss for
/// an autoencoder, the two players' losses and scores for a GAN.
/// </summary>
/// <param name="Epoch">The epoch number, starting at 1.</param>
/// <param name="Train">Each training metric's mean over the epoch's examples.</param>
/// <param name="Validation">Each metric's mean on the validation set; empty without one.</param>
/// <param name="LearningRate">The learning rate at the end of the epoch.</param>
/// <param name="Elapsed">Wall-clock time since training started.</param>
public sealed record EpochMetrics(
    int Epoch,
    IReadOnlyDictionary<string, double> Train,
    IReadOnlyDictionary<string, double> Validation,
    double LearningRate,
    TimeSpan Elapsed)
{
    /// <summary>A classifier's epoch (a NaN accuracy means "not classification"; a null validation value, none).</summary>
    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double? validationLoss, double? validationAccuracy,
        double learningRate, TimeSpan elapsed)
        : this(epoch, LossAndAccuracy(trainLoss, trainAccuracy), LossAndAccuracy(validationLoss, validationAccuracy), learningRate, elapsed)
    {
    }

    /// <summary>Mean training loss (NaN if the step reports no <see cref="Metric.Loss"/>, as a GAN's does not).</summary>
    public double TrainLoss => Train.GetValueOrDefault(Metric.Loss, double.NaN);

    /// <summary>Fraction of training examples classified correctly during the epoch (NaN if the task is not classification).</summary>
    public double TrainAccuracy => Train.GetValueOrDefault(Metric.Accuracy, double.NaN);

    /// <summary>Mean loss on the validation set, or null without one.</summary>
    public double? ValidationLoss => Validation.TryGetValue(Metric.Loss, out double loss) ? loss : null;

    /// <summary>Accuracy on the validation set, or null without one (or outside classification).</summary>
    public double? ValidationAccuracy => Validation.TryGetValue(Metric.Accuracy, out double accuracy) ? accuracy : null;

    /// <summary>
    /// One line for a terminal, e.g. <c>epoch 3: train loss 0.1234 acc 96.10% | val loss 0.0987 acc 97.00% | lr 0.001 | 12.3 s</c>;
    /// other metrics follow by name (<c>D loss 0.6931</c>).
    /// </summary>
    public override string ToString()
    {
        string line = Invariant($"epoch {Epoch}: train") + Describe(Train);
        if (Validation.Count > 0) line += " | val" + Describe(Validation);
        return line + Invariant($" | lr {LearningRate:G3} | {Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>A fraction as a percentage with two decimals, e.g. 0.9812 → "98.12%" (culture-independent).</summary>
    public static string Percent(double fraction) => Invariant($"{100 * fraction:F2}%");

    /// <summary>" loss 0.1234 acc 98.12%" then every other metric as " name value".</summary>
    private static string Describe(IReadOnlyDictionary<string, double> metrics)
    {
        string text = "";
        if (metrics.TryGetValue(Metric.Loss, out double loss)) text += Invariant($" loss {loss:F4}");
        if (metrics.TryGetValue(Metric.Accuracy, out double accuracy)) text += " acc " + Percent(accuracy);
        foreach (var (name, value) in metrics.Where(m => m.Key is not (Metric.Loss or Metric.Accuracy)))
            text += Invariant($" {name} {value:F4}");
        return text;
    }

    private static Dictionary<string, double> LossAndAccuracy(double? loss, double? accuracy)
    {
        var metrics = new Dictionary<string, double>();
        if (loss is double l) metrics[Metric.Loss] = l;
        if (accuracy is double a && !double.IsNaN(a)) metrics[Metric.Accuracy] = a;
        return metrics;
    }
}
