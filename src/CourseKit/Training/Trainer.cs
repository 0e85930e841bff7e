using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>
/// The one training loop of the course. It trains any model through its <see cref="TrainingStep"/> (a classifier, an
/// autoencoder, a VAE, a GAN, PixelCNN, a sequence model): epochs over a <see cref="BatchLoader"/> (shuffled with a fixed
/// seed) or report periods over an endless stream, an optional learning-rate scheduler, validation after every epoch,
/// early stopping and checkpoints, progress and cancellation. Every step, and the fetching of its batch, runs in its own
/// <c>torch.NewDisposeScope()</c>, so memory stays flat over an epoch; the model is in training mode while it trains and gets back the mode it had.
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
    /// <summary>A trainer for <paramref name="model"/> minimising <paramref name="loss"/>(output, target) with <paramref name="optimizer"/> (a <see cref="SupervisedStep"/>).</summary>
    public Trainer(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss)
        : this(new SupervisedStep(model, optimizer, loss))
    {
    }

    /// <summary>A trainer that takes <paramref name="step"/> on every batch.</summary>
    public Trainer(TrainingStep step) => Step = step;

    /// <summary>What the trainer does on each batch.</summary>
    public TrainingStep Step { get; }

    /// <summary>The model of a supervised trainer (see <see cref="SupervisedStep"/>).</summary>
    public nn.Module<Tensor, Tensor> Model => Supervised.Model;

    /// <summary>The optimizer of a supervised trainer.</summary>
    public optim.Optimizer Optimizer => Supervised.Optimizer;

    /// <summary>The loss of a supervised trainer: (model output, target) → scalar.</summary>
    public Func<Tensor, Tensor, Tensor> Loss => Supervised.Loss;

    /// <summary>A learning-rate scheduler, stepped after each epoch (or after each batch, see <see cref="SchedulerStepsPerBatch"/>).</summary>
    public optim.lr_scheduler.LRScheduler? Scheduler { get; init; }

    /// <summary>Step the scheduler after every batch instead of every epoch (OneCycleLR wants this).</summary>
    public bool SchedulerStepsPerBatch { get; init; }

    /// <summary>Early stopping: stop after this many epochs without a new best validation loss (training loss without validation).</summary>
    public int? Patience { get; init; }

    /// <summary>If set, the best epoch's weights are saved here (TorchSharp's <c>module.save</c>) and restored when training ends.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The step's <see cref="TrainingStep.SkipNonFiniteGradients"/>: skip an update whose gradients are not all finite.</summary>
    public bool SkipNonFiniteGradients { get => Step.SkipNonFiniteGradients; init => Step.SkipNonFiniteGradients = value; }

    /// <summary>The step's <see cref="TrainingStep.ClipGradNorm"/>: rescale the gradients to at most this joint L2 norm.</summary>
    public double? ClipGradNorm { get => Step.ClipGradNorm; init => Step.ClipGradNorm = value; }

    /// <summary>How many updates <see cref="SkipNonFiniteGradients"/> has skipped so far.</summary>
    public int SkippedSteps => Step.SkippedSteps;

    /// <summary>The step's learning rate (the first optimizer's first parameter group).</summary>
    public double LearningRate => Step.LearningRate;

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs (fewer if early stopping or cancellation ends it), validating after
    /// each one, and reports each epoch to <paramref name="progress"/>.
    /// </summary>
    /// <param name="train">The training batches; epoch e uses <c>train.Epoch(e - 1)</c>, so shuffling is reproducible.</param>
    /// <param name="validation">Batches to evaluate on after each epoch, or null.</param>
    /// <param name="epochs">The maximum number of epochs.</param>
    /// <param name="progress">Receives one <see cref="EpochMetrics"/> per epoch (e.g. <see cref="TerminalProgress"/>, <see cref="LiveChart"/>).</param>
    /// <param name="cancellationToken">Checked before every batch; a cancelled run returns what it has, with Cancelled set.</param>
    public TrainingHistory Fit(BatchLoader train, BatchLoader? validation = null, int epochs = 1,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "train for at least one epoch");
        if (validation is not null && !Step.CanValidate)
            throw new ArgumentException($"a {Step.GetType().Name} has no validation loss: call Fit without validation batches", nameof(validation));
        return Run(epoch => train.Epoch(epoch - 1), validation, epochs, progress, cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="steps"/> steps on batches drawn from an endless stream (a GAN's real examples, fresh samples
    /// of a toy distribution), reporting every <paramref name="reportEvery"/> steps as one "epoch".
    /// </summary>
    /// <param name="batches">(inputs, targets) batches, at least <paramref name="steps"/> of them (see <c>GanData.Forever</c>); each is made inside its step's dispose scope and freed with it.</param>
    /// <param name="steps">How many steps (batches) to take.</param>
    /// <param name="reportEvery">Steps per report: 1 reports every step; a GAN with k discriminator steps reports every k.</param>
    /// <param name="progress">Receives one <see cref="EpochMetrics"/> per report, the means of its steps.</param>
    /// <param name="cancellationToken">Checked before every batch; a cancelled run returns what it has, with Cancelled set.</param>
    public TrainingHistory Fit(IEnumerable<(Tensor Inputs, Tensor Targets)> batches, int steps, int reportEvery = 1,
        IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "take at least one step");
        if (reportEvery < 1) throw new ArgumentOutOfRangeException(nameof(reportEvery), reportEvery, "report at least every step (1)");
        using var stream = batches.GetEnumerator();
        int reports = (steps + reportEvery - 1) / reportEvery;
        return Run(report => Take(stream, Math.Min(reportEvery, steps - (report - 1) * reportEvery)), null, reports, progress, cancellationToken);
    }

    /// <summary>The loop both Fits share: <paramref name="epochs"/> passes, each over the batches <paramref name="batchesOf"/>(epoch) gives.</summary>
    private TrainingHistory Run(Func<int, IEnumerable<(Tensor Inputs, Tensor Targets)>> batchesOf, BatchLoader? validation, int epochs,
        IProgress<EpochMetrics>? progress, CancellationToken cancellationToken)
    {
        var history = new List<EpochMetrics>();
        var clock = Stopwatch.StartNew();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        bool stoppedEarly = false, cancelled = false;
        bool wasTraining = Step.Model.training;
        try
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                var (train, finished) = TrainEpoch(batchesOf(epoch), cancellationToken);
                if (!finished) { cancelled = true; break; }
                var checkup = validation is null ? new Dictionary<string, double>() : Validate(validation);
                if (!SchedulerStepsPerBatch) Scheduler?.step();

                var metrics = new EpochMetrics(epoch, train, checkup, LearningRate, clock.Elapsed);
                history.Add(metrics);
                progress?.Report(metrics);

                double monitored = metrics.ValidationLoss ?? metrics.TrainLoss;
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
        }
        finally
        {
            Step.Model.train(wasTraining);
        }
        return TrainingHistory.From(history, stoppedEarly, cancelled);
    }

    /// <summary>
    /// One pass over <paramref name="batches"/>, a step on each; the metrics' means. Each batch is fetched inside its
    /// step's dispose scope, so the batch and everything the loader or stream made to produce it are freed with it.
    /// </summary>
    private (IReadOnlyDictionary<string, double> Means, bool Finished) TrainEpoch(IEnumerable<(Tensor Inputs, Tensor Targets)> batches,
        CancellationToken cancellationToken)
    {
        Step.Model.train();
        var means = new RunningMeans();
        using var batch = batches.GetEnumerator();
        while (true)
        {
            if (cancellationToken.IsCancellationRequested) return (means.Means(), false);
            using var scope = NewDisposeScope();
            if (!batch.MoveNext()) break;
            var (inputs, targets) = batch.Current;
            var metrics = Step.Train(inputs, targets);
            if (metrics.Count == 0) continue;   // a skipped update
            if (SchedulerStepsPerBatch) Scheduler?.step();
            means.Add(metrics, inputs.shape[0]);
        }
        return (means.Means(), true);
    }

    /// <summary>The step's metrics on <paramref name="data"/>, in evaluation mode and without gradients.</summary>
    private IReadOnlyDictionary<string, double> Validate(BatchLoader data)
    {
        using var mode = EvaluationMode.Of(Step.Model);
        using var noGrad = no_grad();
        var means = new RunningMeans();
        foreach (var (inputs, targets) in data.Epoch(0))
        {
            using var batchInputs = inputs;      // the loader made these before the scope opened
            using var batchTargets = targets;
            using var scope = NewDisposeScope();
            means.Add(Step.Validate(inputs, targets), inputs.shape[0]);
        }
        return means.Means();
    }

    /// <summary>The next <paramref name="count"/> batches of <paramref name="stream"/>.</summary>
    private static IEnumerable<(Tensor Inputs, Tensor Targets)> Take(IEnumerator<(Tensor Inputs, Tensor Targets)> stream, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!stream.MoveNext())
                throw new InvalidOperationException("the stream of batches ended before the last step; pass an endless one (e.g. GanData.Forever)");
            yield return stream.Current;
        }
    }

    /// <summary>Loss, accuracy, confusion matrix and per-class accuracy on <paramref name="data"/> (evaluation mode, no gradients).</summary>
    public Evaluation Evaluate(BatchLoader data)
    {
        var model = Model;
        using var mode = EvaluationMode.Of(model);
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
                var output = model.forward(inputs);
                long n = inputs.shape[0];
                lossSum += Loss(output, targets).to_type(float64).item<double>() * n;
                seen += (int)n;
                if (!SupervisedStep.IsClassification(output, targets)) { classification = false; continue; }
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
        return Batched.Map(inputs, Model.forward, batchSize);
    }

    /// <summary>The predicted class of each input: argmax of <see cref="Predict"/>.</summary>
    public Tensor PredictClasses(Tensor inputs, int batchSize = 256)
    {
        using var scores = Predict(inputs, batchSize);
        return scores.argmax(1);
    }

    /// <summary>Saves the model's parameters and buffers (its state_dict) to <paramref name="path"/>, creating the folder.</summary>
    public void Save(string path) => SaveModel(Step.Model, path);

    /// <summary>Loads parameters and buffers saved by <see cref="Save"/> into the model.</summary>
    public void Load(string path) => LoadModel(Step.Model, path);

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

    private SupervisedStep Supervised => Step as SupervisedStep
        ?? throw new InvalidOperationException($"Model, Optimizer, Loss, Evaluate and Predict belong to a supervised trainer; this one trains a {Step.GetType().Name}. Use trainer.Step.Model.");

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
