using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>
/// The step of supervised learning: output = model(inputs), loss(output, targets), one gradient step. Reports the loss
/// and, for a classifier (N×K scores against N int64 labels), the accuracy.
/// </summary>
/// <example>
/// <code>
/// var model = new LeNet5();
/// var step = new SupervisedStep(model, torch.optim.Adam(model.parameters(), 1e-3), (output, target) => torch.nn.functional.cross_entropy(output, target));
/// var history = new Trainer(step).Fit(new BatchLoader(Mnist.Load(Split.Train, limit: 2000), 128, Shuffle: true), epochs: 1);
/// </code>
/// </example>
public sealed class SupervisedStep : TrainingStep
{
    /// <summary>A step that trains <paramref name="model"/> with <paramref name="optimizer"/> to minimise <paramref name="loss"/>(output, target).</summary>
    public SupervisedStep(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss)
    {
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
    }

    /// <summary>The model being trained.</summary>
    public override nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The optimizer (SGD, Adam, …).</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>The loss: (model output, target) → scalar.</summary>
    public Func<Tensor, Tensor, Tensor> Loss { get; }

    /// <inheritdoc/>
    public override double LearningRate => FirstLearningRate(Optimizer);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Train(Tensor inputs, Tensor targets)
    {
        var output = Model.forward(inputs);
        var loss = Loss(output, targets);
        return Update(Optimizer, loss, Model) ? Measure(output, targets, loss) : Skipped;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Validate(Tensor inputs, Tensor targets)
    {
        var output = Model.forward(inputs);
        return Measure(output, targets, Loss(output, targets));
    }

    /// <summary>True when <paramref name="output"/> holds N×K class scores for N int64 labels.</summary>
    public static bool IsClassification(Tensor output, Tensor targets) =>
        output.dim() == 2 && targets.dim() == 1 && targets.dtype == int64;

    private static Dictionary<string, double> Measure(Tensor output, Tensor targets, Tensor loss)
    {
        var metrics = new Dictionary<string, double> { [Metric.Loss] = Value(loss) };
        if (IsClassification(output, targets))
            metrics[Metric.Accuracy] = output.argmax(1).eq(targets).sum().item<long>() / (double)targets.shape[0];
        return metrics;
    }
}
