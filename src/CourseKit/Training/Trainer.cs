using System.Diagnostics;
using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>
/// Trains a model: epochs over a <see cref="BatchLoader"/> (shuffled with a fixed seed), any optimizer, an optional
/// learning-rate scheduler, validation after every epoch, early stopping and checkpoints, progress and
/// cancellation. Every step runs in its own <c>torch.NewDisposeScope()</c>, so memory stays flat over an epoch.
/// </summary>
/// <example>
/// <code>
/// var model = new LeNet5();
/// var trainer = new Trainer(model, torch.optim.Adam(model.parameters(), 1e-3), (output, target) => torch.nn.functional.cross_entropy(output, target));
/// var history = trainer.Fit(new BatchLoader(Mnist.Load(Split.Train, limit: 12000), 128, Shuffle: true),
///                           new BatchLoader(Mnist.Load(Split.Test, limit: 2000), 500), epochs: 3, progress: new TerminalProgress(3));
/// </code>
/// </example>
public sealed class Trainer
{
    /// <summary>A trainer for <paramref name="model"/> minimising <paramref name="loss"/>(output, target) with <paramref name="optimizer"/>.</summary>
    public Trainer(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss)
    {
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
    }

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The optimizer (SGD, Adam, …).</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>The loss: (model output, target) → scalar.</summary>
    public Func<Tensor, Tensor, Tensor> Loss { get; }

    /// <summary>A learning-rate scheduler, stepped after each epoch (or after each batch, see <see cref="SchedulerStepsPerBatch"/>).</summary>
    public optim.lr_scheduler.LRScheduler? Scheduler { get; init; }

    /// <summary>Step the scheduler after every batch instead of every epoch (OneCycleLR wants this).</summary>
    public bool SchedulerStepsPerBatch { get; init; }

    /// <summary>Early stopping: stop after this many epochs without a new best validation loss (training loss without validation).</summary>
    public int? Patience { get; init; }

    /// <summary>If set, the best epoch's weights are saved here (TorchSharp's <c>module.save</c>) and restored when training ends.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// Skip the optimizer step of a batch whose gradients are not all finite (the batch's loss is then left out of
    /// the epoch's mean), so one bad update cannot poison every weight. Off by default; see <see cref="SkippedSteps"/>.
    /// </summary>
    public bool SkipNonFiniteGradients { get; init; }

    /// <summary>
    /// Rescale the gradients before each step so that their joint L2 norm is at most this value
    /// (g ← g · min(1, c / ‖g‖₂)), the usual guard against exploding gradients in recurrent networks. Off when null.
    /// </summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>How many steps <see cref="SkipNonFiniteGradients"/> has skipped so far.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>The learning rate of the optimizer's first parameter group.</summary>
    public double LearningRate => Optimizer.ParamGroups.First().LearningRate;

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs (fewer if early stopping or cancellation ends it), validating after
    /// each one, and reports each epoch to <paramref name="progress"/>.
    /// </summary>
    /// <param name="train">The training batches; epoch e uses <c>train.Epoch(e)</c>, so shuffling is reproducible.</param>
    /// <param name="validation">Batches to evaluate on after each epoch, or null.</param>
    /// <param name="epochs">The maximum number of epochs.</param>
    /// <param name="progress">Receives one <see cref="EpochMetrics"/> per epoch (e.g. <see cref="TerminalProgress"/>, <see cref="LiveChart"/>).</param>
    /// <param name="cancellationToken">Checked before every batch; a cancelled run returns what it has, with Cancelled set.</param>
    public TrainingHistory Fit(BatchLoader train, BatchLoader? validation = null, int epochs = 1,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "train for at least one epoch");
        var history = new List<EpochMetrics>();
        var clock = Stopwatch.StartNew();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        bool stoppedEarly = false, cancelled = false;

        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var (trainLoss, trainAccuracy, finished) = TrainEpoch(train, epoch - 1, cancellationToken);
            if (!finished) { cancelled = true; break; }
            var checkup = validation is null ? null : Evaluate(validation);
            if (!SchedulerStepsPerBatch) Scheduler?.step();

            var metrics = new EpochMetrics(epoch, trainLoss, trainAccuracy, checkup?.Loss, checkup?.Accuracy, LearningRate, clock.Elapsed);
            history.Add(metrics);
            progress?.Report(metrics);

            double monitored = checkup?.Loss ?? trainLoss;
            if (monitored < bestLoss)
            {
                (bestLoss, bestEpoch, epochsWithoutImprovement) = (monitored, epoch, 0);
                if (CheckpointPath is not null) Save(CheckpointPath);
            }
            else if (Patience is int patience && ++epochsWithoutImprovement >= patience && epoch < epochs)
            {
                stoppedEarly = true;
                break;
            }
        }
        if (CheckpointPath is not null && bestEpoch > 0 && bestEpoch != history[^1].Epoch) Load(CheckpointPath);
        return TrainingHistory.From(history, stoppedEarly, cancelled);
    }

    /// <summary>One pass over the training batches: forward, loss, backward, optimizer step, each in a dispose scope.</summary>
    private (double Loss, double Accuracy, bool Finished) TrainEpoch(BatchLoader train, int epoch, CancellationToken cancellationToken)
    {
        Model.train();
        double lossSum = 0;
        long correct = 0, seen = 0;
        bool classification = true;
        foreach (var (inputs, targets) in train.Epoch(epoch))
        {
            try
            {
                if (cancellationToken.IsCancellationRequested) return (double.NaN, double.NaN, false);
                using var scope = NewDisposeScope();
                Optimizer.zero_grad();
                var output = Model.forward(inputs);
                var loss = Loss(output, targets);
                loss.backward();
                if (SkipNonFiniteGradients && !GradientsFinite())
                {
                    SkippedSteps++;
                    continue;
                }
                if (ClipGradNorm is double maxNorm) nn.utils.clip_grad_norm_(Model.parameters(), maxNorm);
                Optimizer.step();
                if (SchedulerStepsPerBatch) Scheduler?.step();

                long n = inputs.shape[0];
                lossSum += loss.to_type(float64).item<double>() * n;
                seen += n;
                long? right = CountCorrect(output, targets);
                if (right is long r) correct += r; else classification = false;
            }
            finally
            {
                inputs.Dispose();
                targets.Dispose();
            }
        }
        return (lossSum / Math.Max(1, seen), classification && seen > 0 ? (double)correct / seen : double.NaN, true);
    }

    /// <summary>Loss, accuracy, confusion matrix and per-class accuracy on <paramref name="data"/> (evaluation mode, no gradients).</summary>
    public Evaluation Evaluate(BatchLoader data)
    {
        using var mode = EvaluationMode.Of(Model);
        using var noGrad = no_grad();
        double lossSum = 0;
        int seen = 0;
        long[]? counts = null;   // flattened confusion matrix
        int classes = 0;
        bool classification = true;
        foreach (var (inputs, targets) in data.Epoch(0))
        {
            try
            {
                using var scope = NewDisposeScope();
                var output = Model.forward(inputs);
                long n = inputs.shape[0];
                lossSum += Loss(output, targets).to_type(float64).item<double>() * n;
                seen += (int)n;
                if (!IsClassification(output, targets)) { classification = false; continue; }
                classes = (int)output.shape[1];
                counts ??= new long[classes * classes];
                // cell index = true·K + predicted, counted with bincount
                var cells = (targets * classes + output.argmax(1)).bincount(null, classes * classes);
                var batchCounts = cells.data<long>().ToArray();
                for (int i = 0; i < counts.Length; i++) counts[i] += batchCounts[i];
            }
            finally
            {
                inputs.Dispose();
                targets.Dispose();
            }
        }
        if (!classification || counts is null)
            return new Evaluation(lossSum / Math.Max(1, seen), double.NaN, new long[0, 0], [], seen);
        return Summarise(lossSum / Math.Max(1, seen), counts, classes, seen);
    }

    /// <summary>The model's outputs for <paramref name="inputs"/> (e.g. logits), in evaluation mode, in batches.</summary>
    public Tensor Predict(Tensor inputs, int batchSize = 256)
    {
        using var mode = EvaluationMode.Of(Model);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var outputs = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
            outputs.Add(Model.forward(inputs.narrow(0, start, Math.Min(batchSize, inputs.shape[0] - start))));
        return cat(outputs, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The predicted class of each input: argmax of <see cref="Predict"/>.</summary>
    public Tensor PredictClasses(Tensor inputs, int batchSize = 256)
    {
        using var scores = Predict(inputs, batchSize);
        return scores.argmax(1);
    }

    /// <summary>Saves the model's parameters and buffers (its state_dict) to <paramref name="path"/>, creating the folder.</summary>
    public void Save(string path) => SaveModel(Model, path);

    /// <summary>Loads parameters and buffers saved by <see cref="Save"/> into the model.</summary>
    public void Load(string path) => LoadModel(Model, path);

    /// <summary>Saves <paramref name="model"/>'s state_dict with TorchSharp's <c>module.save</c>, creating the folder.</summary>
    public static void SaveModel(nn.Module model, string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        model.save(path);
    }

    /// <summary>Loads a state_dict saved by <see cref="SaveModel"/> into <paramref name="model"/> (same architecture).</summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint at <paramref name="path"/>.</exception>
    public static void LoadModel(nn.Module model, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No checkpoint at {path}; train the model and save it first (Trainer.Save).", path);
        model.load(path);
    }

    private bool GradientsFinite() =>
        Model.parameters().All(p => p.grad is null || p.grad.isfinite().all().item<bool>());

    private static bool IsClassification(Tensor output, Tensor targets) =>
        output.dim() == 2 && targets.dim() == 1 && targets.dtype == int64;

    private static long? CountCorrect(Tensor output, Tensor targets) =>
        IsClassification(output, targets) ? output.argmax(1).eq(targets).sum().item<long>() : null;

    private static Evaluation Summarise(double loss, long[] counts, int classes, int seen)
    {
        var matrix = new long[classes, classes];
        var perClass = new double[classes];
        long correct = 0;
        for (int t = 0; t < classes; t++)
        {
            long rowTotal = 0;
            for (int p = 0; p < classes; p++)
            {
                matrix[t, p] = counts[t * classes + p];
                rowTotal += matrix[t, p];
            }
            correct += matrix[t, t];
            perClass[t] = rowTotal == 0 ? double.NaN : (double)matrix[t, t] / rowTotal;
        }
        return new Evaluation(loss, (double)correct / Math.Max(1, seen), matrix, perClass, seen);
    }
}
