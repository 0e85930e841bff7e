namespace CourseKit.Training;

/// <summary>Everything a training run measured, epoch by epoch.</summary>
/// <param name="Epochs">One entry per finished epoch, in order.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss (the lowest training loss without validation); 0 if none ran or no loss was reported.</param>
/// <param name="StoppedEarly">True if early stopping ended the run before the last epoch.</param>
/// <param name="Cancelled">True if the run was cancelled.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochMetrics> Epochs, int BestEpoch, bool StoppedEarly, bool Cancelled)
{
    /// <summary>The metrics of the last finished epoch, or null if no epoch finished.</summary>
    public EpochMetrics? Last => Epochs.Count == 0 ? null : Epochs[^1];

    /// <summary>The training loss of every finished epoch, in order.</summary>
    public double[] TrainLosses => Epochs.Select(e => e.TrainLoss).ToArray();

    /// <summary>The training metric <paramref name="name"/> of every finished epoch, in order (NaN where it was not reported).</summary>
    public double[] Series(string name) => Epochs.Select(e => e.Train.GetValueOrDefault(name, double.NaN)).ToArray();

    /// <summary>The validation metric <paramref name="name"/> of every finished epoch, in order (NaN where it was not reported).</summary>
    public double[] ValidationSeries(string name) => Epochs.Select(e => e.Validation.GetValueOrDefault(name, double.NaN)).ToArray();

    /// <summary>A history of the given epochs: the best epoch is the one with the lowest validation (else training) loss.</summary>
    public static TrainingHistory From(IReadOnlyList<EpochMetrics> epochs, bool stoppedEarly = false, bool cancelled = false)
    {
        int best = 0;
        double bestLoss = double.PositiveInfinity;
        foreach (var e in epochs)
        {
            double loss = e.ValidationLoss ?? e.TrainLoss;
            if (loss < bestLoss) (best, bestLoss) = (e.Epoch, loss);
        }
        return new TrainingHistory(epochs, best, stoppedEarly, cancelled);
    }
}
