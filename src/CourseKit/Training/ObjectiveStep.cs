using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>
/// A step on an objective the model computes from the whole batch, such as an autoencoder's reconstruction error or a
/// VAE's −ELBO: loss = objective(inputs, targets), one gradient step. Reports the loss.
/// </summary>
/// <example>
/// <code>
/// var model = new CourseKit.Autoencoders.Autoencoder([1, 28, 28], [128], 16);
/// var step = new ObjectiveStep(model, torch.optim.Adam(model.parameters(), 1e-3), (x, _) => torch.nn.functional.mse_loss(model.forward(x), x));
/// var images = Mnist.Load(Split.Train, limit: 2000);
/// var history = new Trainer(step).Fit(new BatchLoader(images, 128, Shuffle: true), epochs: 2);
/// </code>
/// </example>
public sealed class ObjectiveStep : TrainingStep
{
    private readonly Func<Tensor, Tensor, Tensor> objective;
    private readonly optim.Optimizer optimizer;

    /// <summary>A step that trains <paramref name="model"/> with <paramref name="optimizer"/> to minimise <paramref name="objective"/>(inputs, targets).</summary>
    public ObjectiveStep(nn.Module model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> objective)
    {
        Model = model;
        this.optimizer = optimizer;
        this.objective = objective;
    }

    /// <inheritdoc/>
    public override nn.Module Model { get; }

    /// <inheritdoc/>
    public override double LearningRate => FirstLearningRate(optimizer);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Train(Tensor inputs, Tensor targets)
    {
        var loss = objective(inputs, targets);
        return Update(optimizer, loss, Model) ? new Dictionary<string, double> { [Metric.Loss] = Value(loss) } : Skipped;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Validate(Tensor inputs, Tensor targets) =>
        new Dictionary<string, double> { [Metric.Loss] = Value(objective(inputs, targets)) };
}
