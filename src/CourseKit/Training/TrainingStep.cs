using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>
/// What one step of training does for one kind of model (d2l's <c>training_step</c>): a classifier takes one gradient
/// step on its loss (<see cref="SupervisedStep"/>), an autoencoder or a VAE on its objective (<see cref="ObjectiveStep"/>),
/// a GAN a discriminator step and, every k-th batch, a generator step (<c>GanStep</c>). The <see cref="Trainer"/> owns
/// everything around it: epochs, a dispose scope per batch, training and evaluation modes, cancellation, progress,
/// early stopping and checkpoints. So every model of the course is trained by the same loop.
/// </summary>
public abstract class TrainingStep
{
    /// <summary>Everything the step trains, as one module: the Trainer switches its mode and saves its checkpoints.</summary>
    public abstract nn.Module Model { get; }

    /// <summary>The learning rate reported with each epoch (the first optimizer's first parameter group).</summary>
    public abstract double LearningRate { get; }

    /// <summary>
    /// One optimisation step on one batch, in training mode; returns the batch's mean metrics by name
    /// (<see cref="Metric.Loss"/>, <see cref="Metric.Accuracy"/>, …), or none when the step was skipped.
    /// </summary>
    public abstract IReadOnlyDictionary<string, double> Train(Tensor inputs, Tensor targets);

    /// <summary>The batch's mean metrics without a step (the Trainer calls it in evaluation mode, without gradients).</summary>
    public abstract IReadOnlyDictionary<string, double> Validate(Tensor inputs, Tensor targets);

    /// <summary>
    /// False for a step that has no validation loss (a GAN's): the <see cref="Trainer"/> then refuses validation batches
    /// before it trains, instead of failing after the first epoch.
    /// </summary>
    public virtual bool CanValidate => true;

    /// <summary>
    /// Rescale the gradients before each update so that their joint L2 norm is at most this value
    /// (g ← g · min(1, c / ‖g‖₂)), the usual guard against exploding gradients in recurrent networks. Off when null.
    /// </summary>
    public double? ClipGradNorm { get; set; }

    /// <summary>
    /// Skip an update whose gradients are not all finite (its batch is then left out of the epoch's means), so one bad
    /// update cannot poison every weight. Off by default; see <see cref="SkippedSteps"/>.
    /// </summary>
    public bool SkipNonFiniteGradients { get; set; }

    /// <summary>How many updates <see cref="SkipNonFiniteGradients"/> has skipped so far.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>
    /// The gradient step every training step takes: clear the gradients, back-propagate <paramref name="loss"/>,
    /// optionally clip them, then let <paramref name="optimizer"/> move <paramref name="module"/>'s parameters.
    /// Returns false when the update was skipped because a gradient was not finite.
    /// </summary>
    protected bool Update(optim.Optimizer optimizer, Tensor loss, nn.Module module)
    {
        optimizer.zero_grad();
        loss.backward();
        if (SkipNonFiniteGradients && !GradientsFinite(module))
        {
            SkippedSteps++;
            return false;
        }
        if (ClipGradNorm is double maxNorm) nn.utils.clip_grad_norm_(module.parameters(), maxNorm);
        optimizer.step();
        return true;
    }

    /// <summary>What a skipped step reports: nothing, so the batch counts in no mean.</summary>
    protected static IReadOnlyDictionary<string, double> Skipped { get; } = new Dictionary<string, double>();

    /// <summary>The learning rate of <paramref name="optimizer"/>'s first parameter group.</summary>
    protected static double FirstLearningRate(optim.Optimizer optimizer) => optimizer.ParamGroups.First().LearningRate;

    /// <summary>A scalar tensor as a double, read in float64 so that sums over an epoch do not lose digits.</summary>
    protected static double Value(Tensor scalar) => scalar.to_type(float64).item<double>();

    private static bool GradientsFinite(nn.Module module) =>
        module.parameters().All(p => p.grad is null || p.grad.isfinite().all().item<bool>());
}
