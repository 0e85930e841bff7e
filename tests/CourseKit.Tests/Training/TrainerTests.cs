using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Training;

[Collection(nameof(GlobalTorchState))]
public class TrainerTests
{
    /// <summary>8×8 one-channel noise images; class 1 has a brighter left half, class 0 a brighter right half.</summary>
    internal static InMemoryDataset Halves(int count, int seed, bool flipLabels = false)
    {
        using var generator = new Generator((ulong)seed);
        var labels = randint(0, 2, [count], generator: generator, dtype: int64);
        var inputs = rand([count, 1, 8, 8], generator: generator);
        var leftBrighter = labels.to_type(float32).view(count, 1, 1, 1);
        inputs[.., .., .., ..4] += 0.5f * leftBrighter;
        inputs[.., .., .., 4..] += 0.5f * (1 - leftBrighter);
        return new InMemoryDataset(inputs, flipLabels ? 1 - labels : labels);
    }

    internal static nn.Module<Tensor, Tensor> SmallNet() =>
        nn.Sequential(nn.Conv2d(1, 4, 3, padding: 1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 64, 2));

    internal static Tensor CrossEntropy(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);

    [Fact]
    public void Fit_learns_reports_every_epoch_and_is_reproducible()
    {
        using var train = Halves(256, 1);
        using var test = Halves(128, 2);
        List<double> Run(List<EpochMetrics> reports)
        {
            Seeds.Set(3);
            using var model = SmallNet();
            var trainer = new Trainer(model, optim.Adam(model.parameters(), 0.01), CrossEntropy);
            var history = trainer.Fit(new BatchLoader(train, 32, Shuffle: true, Seed: 5), new BatchLoader(test, 64), 4,
                new Progress(reports));
            Assert.Equal(4, history.Epochs.Count);
            Assert.False(history.StoppedEarly || history.Cancelled);
            Assert.True(history.Last!.ValidationAccuracy > 0.9, history.Last.ToString());
            Assert.Equal(history.Epochs.Select(e => (double)e.ValidationLoss!), history.ValidationSeries(Metric.Loss));
            Assert.Equal(history.Epochs.Select(e => (double)e.ValidationAccuracy!), history.ValidationSeries(Metric.Accuracy));
            return history.Epochs.Select(e => e.TrainLoss).ToList();
        }
        var reports = new List<EpochMetrics>();
        var first = Run(reports);
        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.True(first[^1] < first[0]);
        Assert.Equal(first, Run([]));   // same seeds, same numbers
    }

    [Fact]
    public void Early_stopping_stops_and_restores_the_best_checkpoint()
    {
        // The validation labels are the opposite rule: the better the model learns, the worse validation gets.
        using var train = Halves(256, 1);
        using var validation = Halves(128, 2, flipLabels: true);
        string path = Path.Combine(Path.GetTempPath(), $"coursekit-test-{Guid.NewGuid():N}.bin");
        try
        {
            Seeds.Set(0);
            using var model = SmallNet();
            var trainer = new Trainer(model, optim.Adam(model.parameters(), 0.01), CrossEntropy) { Patience = 2, CheckpointPath = path };
            var history = trainer.Fit(new BatchLoader(train, 32, Shuffle: true), new BatchLoader(validation, 64), 20);
            Assert.True(history.StoppedEarly);
            Assert.True(history.Epochs.Count < 20);
            Assert.Equal(history.BestEpoch + 2, history.Epochs.Count);
            Assert.True(File.Exists(path));
            // the weights are the best epoch's again
            double restored = trainer.Evaluate(new BatchLoader(validation, 64)).Loss;
            Assert.Equal(history.Epochs[history.BestEpoch - 1].ValidationLoss!.Value, restored, 6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Cancellation_and_schedulers_are_honoured()
    {
        using var train = Halves(128, 1);
        Seeds.Set(0);
        using var model = SmallNet();
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var trainer = new Trainer(model, optimizer, CrossEntropy) { Scheduler = optim.lr_scheduler.StepLR(optimizer, 1, 0.5) };
        using var cancel = new CancellationTokenSource();
        var seen = new List<double>();
        var history = trainer.Fit(new BatchLoader(train, 32), null, 10,
            new Progress(new List<EpochMetrics>(), e => { seen.Add(e.LearningRate); if (e.Epoch == 3) cancel.Cancel(); }), cancel.Token);
        Assert.True(history.Cancelled);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal([0.05, 0.025, 0.0125], seen.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void Gradient_clipping_bounds_the_step_of_plain_sgd()
    {
        using var train = Halves(32, 1);
        Seeds.Set(0);
        using var model = SmallNet();
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        // SGD with learning rate 1 moves the weights by exactly the (clipped) gradient: ‖Δθ‖₂ ≤ c.
        var trainer = new Trainer(model, optim.SGD(model.parameters(), 1.0), CrossEntropy) { ClipGradNorm = 1e-3 };
        trainer.Fit(new BatchLoader(train, 32), epochs: 1);
        double stepSquared = model.parameters().Zip(before, (after, old) => (after - old).square().sum().item<float>()).Sum();
        Assert.InRange(Math.Sqrt(stepSquared), 1e-4, 1.0001e-3);
    }

    [Fact]
    public void Evaluate_builds_the_confusion_matrix_and_per_class_accuracy()
    {
        // An identity "model" whose inputs are already the scores: predictions are argmax of each row.
        var scores = tensor(new float[] { 9, 0, 0, 0, 9, 0, 0, 9, 0, 0, 0, 9, 9, 0, 0, 0, 0, 9 }).view(6, 3);
        var labels = tensor(new long[] { 0, 1, 1, 2, 2, 2 });
        using var data = new InMemoryDataset(scores, labels);
        using var identity = nn.Identity();
        var trainer = new Trainer(identity, optim.SGD([new TorchSharp.Modules.Parameter(zeros(1))], 0.1), CrossEntropy);
        var evaluation = trainer.Evaluate(new BatchLoader(data, 4));
        long[,] expected = { { 1, 0, 0 }, { 0, 2, 0 }, { 1, 0, 2 } };
        Assert.Equal(expected, evaluation.ConfusionMatrix);
        Assert.Equal(5.0 / 6, evaluation.Accuracy, 12);
        Assert.Equal([1.0, 1.0, 2.0 / 3], evaluation.PerClassAccuracy);
        Assert.Equal(nn.functional.cross_entropy(scores, labels).item<float>(), evaluation.Loss, 5);
        Assert.Equal([0L, 1, 1, 2, 0, 2], trainer.PredictClasses(scores, batchSize: 4).data<long>().ToArray());
    }

    [Fact]
    public void Checkpoints_round_trip_and_a_missing_one_is_explained()
    {
        string path = Path.Combine(Path.GetTempPath(), $"coursekit-test-{Guid.NewGuid():N}", "model.bin");
        try
        {
            using var scope = NewDisposeScope();
            Seeds.Set(0);
            var model = SmallNet();
            var x = rand(2, 1, 8, 8);
            var before = model.forward(x).detach();
            Trainer.SaveModel(model, path);
            var other = SmallNet();   // different random weights
            Assert.False(other.forward(x).allclose(before));
            Trainer.LoadModel(other, path);
            Assert.True(other.forward(x).allclose(before));
            var e = Assert.Throws<FileNotFoundException>(() => Trainer.LoadModel(other, path + ".missing"));
            Assert.Contains("train the model and save it first", e.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Epoch_line_leaves_out_accuracy_when_the_task_is_not_classification()
    {
        var regression = new EpochMetrics(1, 0.25, double.NaN, 0.5, double.NaN, 0.001, TimeSpan.FromSeconds(2));
        Assert.Equal("epoch 1: train loss 0.2500 | val loss 0.5000 | lr 0.001 | 2.0 s", regression.ToString());
    }

    [Fact]
    public void Terminal_progress_draws_a_bar_per_epoch()
    {
        var writer = new StringWriter();
        new TerminalProgress(4, writer).Report(new EpochMetrics(2, 0.5, 0.8, null, null, 0.001, TimeSpan.FromSeconds(3)));
        Assert.Equal("[##########----------] 2/4 epoch 2: train loss 0.5000 acc 80.00% | lr 0.001 | 3.0 s" + Environment.NewLine, writer.ToString());
        var charts = new List<string>();
        var live = new LiveChart(chart => charts.Add(chart.ToString()));
        live.Report(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.7, 0.001, TimeSpan.FromSeconds(3)));
        Assert.Single(charts);
        Assert.StartsWith("Training curves: epoch 1", charts[0]);
    }

    /// <summary>A synchronous IProgress (System.Progress posts to a thread pool).</summary>
    private sealed class Progress(List<EpochMetrics> reports, Action<EpochMetrics>? also = null) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) { reports.Add(value); also?.Invoke(value); }
    }
}


[Collection(nameof(GlobalTorchState))]
public class TrainerMemoryTests
{
    [Fact]
    public void Live_tensor_count_does_not_grow_over_an_epoch()
    {
        using var train = TrainerTests.Halves(320, 1);
        using var test = TrainerTests.Halves(64, 2);
        Seeds.Set(0);
        using var model = TrainerTests.SmallNet();
        var trainer = new Trainer(model, optim.Adam(model.parameters(), 0.01), TrainerTests.CrossEntropy);
        var loader = new BatchLoader(train, 32, Shuffle: true);
        trainer.Fit(loader, new BatchLoader(test, 32), 1);   // warm-up: Adam creates its moment tensors on the first step
        long before = GlobalTorchState.SettledTensorCount();
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        trainer.Fit(loader, new BatchLoader(test, 32), 2);
        trainer.Evaluate(new BatchLoader(test, 32));
        Assert.Equal(before, GlobalTorchState.SettledTensorCount());
        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void An_objective_step_trains_an_autoencoder_with_the_same_loop_and_no_leak()
    {
        // x ↦ x through a 64 → 8 → 64 bottleneck: the reconstruction error falls, epochs count from 1, memory stays flat
        using var data = TrainerTests.Halves(256, 3);
        Seeds.Set(0);
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 64), nn.Unflatten(1, [1, 8, 8]));
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        var trainer = new Trainer(new ObjectiveStep(model, optimizer, (x, _) => nn.functional.mse_loss(model.forward(x), x)));
        var loader = new BatchLoader(data, 32, Shuffle: true);
        var first = trainer.Fit(loader, epochs: 1);
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var history = trainer.Fit(loader, new BatchLoader(data, 64), epochs: 5);
        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal([1, 2, 3, 4, 5], history.Epochs.Select(e => e.Epoch));
        Assert.True(history.Last!.TrainLoss < 0.8 * first.Last!.TrainLoss, $"loss {first.Last.TrainLoss:F4} → {history.Last.TrainLoss:F4}");
        Assert.NotNull(history.Last.ValidationLoss);
        Assert.True(double.IsNaN(history.Last.TrainAccuracy));   // not a classifier: no accuracy
        Assert.Equal(history.Epochs.Select(e => e.TrainLoss), history.Series(Metric.Loss));
    }

    [Fact]
    public void The_model_gets_back_the_mode_it_had()
    {
        using var data = TrainerTests.Halves(64, 4);
        using var model = nn.Sequential(nn.Conv2d(1, 4, 3, padding: 1), nn.Dropout(0.5), nn.Flatten(), nn.Linear(4 * 64, 2));
        var trainer = new Trainer(model, optim.SGD(model.parameters(), 0.01), TrainerTests.CrossEntropy);
        model.eval();
        trainer.Fit(new BatchLoader(data, 32), new BatchLoader(data, 32), epochs: 1);
        Assert.False(model.training);
        model.train();
        trainer.Fit(new BatchLoader(data, 32), new BatchLoader(data, 32), epochs: 1);
        Assert.True(model.training);
    }

    [Fact]
    public void An_endless_stream_is_trained_in_report_periods_and_a_short_one_is_explained()
    {
        using var data = TrainerTests.Halves(64, 5);
        using var model = TrainerTests.SmallNet();
        var trainer = new Trainer(model, optim.SGD(model.parameters(), 0.01), TrainerTests.CrossEntropy);
        IEnumerable<(Tensor, Tensor)> Forever()
        {
            for (int epoch = 0; ; epoch++)
                foreach (var batch in new BatchLoader(data, 16).Epoch(epoch)) yield return batch;
        }
        var history = trainer.Fit(Forever(), steps: 10, reportEvery: 4);
        Assert.Equal([1, 2, 3], history.Epochs.Select(e => e.Epoch));   // 4 + 4 + 2 steps
        Assert.All(history.Epochs, e => Assert.InRange(e.TrainAccuracy, 0, 1));
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(new BatchLoader(data, 16).Epoch(0), steps: 5));
        Assert.Contains("endless", error.Message);
    }

    [Fact]
    public void Every_metric_a_step_reports_is_printed_and_plotted_by_name()
    {
        var gan = new EpochMetrics(2, new Dictionary<string, double> { ["D loss"] = 1.25, ["G loss"] = 0.75, ["D(x)"] = 0.5 },
            new Dictionary<string, double>(), 2e-4, TimeSpan.FromSeconds(1));
        Assert.Equal("epoch 2: train D loss 1.2500 G loss 0.7500 D(x) 0.5000 | lr 0.0002 | 1.0 s", gan.ToString());
        Assert.True(double.IsNaN(gan.TrainLoss));
        var chart = CourseKit.Visualization.Charts.PlotLosses(TrainingHistory.From([gan, gan with { Epoch = 3 }]));
        string json = chart.Data[CourseKit.Visualization.PlotlyFigure.MimeType];
        Assert.Contains("train D loss", json);
        Assert.Contains("train G loss", json);
        Assert.DoesNotContain("train D(x)", json);   // scores are not losses: GanPictures.ScoresPlot draws them
    }

}
