using System.CommandLine;
using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Layers;
using CourseKit.Models;
using CourseKit.Runtime;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit bench</c>: the speed and accuracy figures the course quotes, measured on this machine — LeNet-5 on
/// MNIST, a small VGG on Fashion-MNIST, the Trainer's overhead against a bare loop, and the im2col convolution
/// against TorchSharp's conv2d.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] Parts = ["lenet", "fashion", "overhead", "conv", "grading"];

    // Grading a batch takes minutes per hundred submissions and is not a training figure: only with --only grading.
    private static readonly string[] DefaultParts = ["lenet", "fashion", "overhead", "conv"];

    public static Command Create()
    {
        var only = new Option<string[]>("--only") { Description = "Run only these parts: " + string.Join(", ", Parts), AllowMultipleArgumentsPerToken = true };
        var budget = new Option<double>("--minutes") { Description = "Training time each of the two training runs may take (the targets say 3)", DefaultValueFactory = _ => 3 };
        var submissions = new Option<int>("--submissions") { Description = "grading: how many A1 submissions the batch holds (default 100)", DefaultValueFactory = _ => 100 };
        var questions = new Option<string?>("--questions") { Description = "grading: grade only these questions, comma-separated (default all)" };
        var command = new Command("bench", "Measure LeNet-5 on MNIST, a small CNN on Fashion-MNIST, the Trainer's overhead and the im2col convolution " +
                                           "(and, with --only grading, grade -j 1 against grade -j 2 on a batch of A1 submissions).");
        command.Options.Add(only);
        command.Options.Add(budget);
        command.Options.Add(submissions);
        command.Options.Add(questions);
        command.SetAction(result =>
        {
            string[] selected = result.GetValue(only) is { Length: > 0 } chosen ? chosen : DefaultParts;
            var unknown = selected.Except(Parts).ToArray();
            if (unknown.Length > 0)
            {
                Console.Error.WriteLine($"Unknown part(s) {string.Join(", ", unknown)}; choose from {string.Join(", ", Parts)}.");
                return 2;
            }
            if (result.GetValue(budget) is not > 0 and var minutes)
            {
                Console.Error.WriteLine($"--minutes must be a positive number of minutes, not {minutes}.");
                return 2;
            }
            TorchRuntime.Initialize();
            Console.WriteLine($"coursekit bench — {Environment.ProcessorCount} cores, TorchSharp threads {TorchRuntime.Threads}, " +
                              $"oneDNN {OneDnnState()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            var trainingBudget = TimeSpan.FromMinutes(result.GetValue(budget));
            if (selected.Contains("lenet")) TrainToTarget("LeNet-5 on MNIST", () => new LeNet5(), Mnist.Load, 0.988, trainingBudget);
            if (selected.Contains("fashion")) TrainToTarget("SmallVgg on Fashion-MNIST", () => new SmallVgg(), FashionMnist.Load, 0.90, trainingBudget);
            if (selected.Contains("overhead")) TrainerOverhead();
            if (selected.Contains("conv")) UnfoldConvolution();
            if (selected.Contains("grading"))
            {
                if (result.GetValue(submissions) is not > 1 and var count)
                {
                    Console.Error.WriteLine($"--submissions must be at least 2, not {count}.");
                    return 2;
                }
                GradingBench.Run(result.GetValue(submissions), result.GetValue(questions));
            }
            return 0;
        });
        return command;
    }

    // oneDNN changes convolution speed several-fold (README, "Known problems"), so every report says which kernels ran.
    private static string OneDnnState() => OneDnnSwitch.Enabled switch
    {
        true => "on",
        false => $"off ({OneDnnSwitch.EnvironmentVariable}=0)",
        null => "unknown",
    };

    /// <summary>
    /// Adam (lr 1e-3 decaying ×0.7 per epoch, batch 128), test accuracy after every epoch, epochs until the target is
    /// reached or the training time (evaluation excluded) has used up <paramref name="budget"/>.
    /// </summary>
    private static void TrainToTarget(string title, Func<StagedModel> create, Func<Split, int?, ImageDataset> load, double target, TimeSpan budget)
    {
        Console.WriteLine($"\n== {title}: target {EpochMetrics.Percent(target)} test accuracy within {budget.TotalMinutes:0.#} minutes of training");
        Seeds.Set(0);
        using var train = load(Split.Train, null);
        using var test = load(Split.Test, null);
        using var model = create();
        var optimizer = optim.Adam(model.parameters(), 1e-3);
        // the learning rate decays by 0.7 per epoch (StepLR), stepped by the Trainer after each epoch
        var trainer = new Trainer(model, optimizer, (o, t) => nn.functional.cross_entropy(o, t)) { Scheduler = optim.lr_scheduler.StepLR(optimizer, 1, 0.7) };
        var trainLoader = new BatchLoader(train, 128, Shuffle: true, Seed: 0);
        var testLoader = new BatchLoader(test, 1000);
        Console.WriteLine($"{model.GetName()}: {model.ParameterCount:N0} parameters, {train.Count} training / {test.Count} test images");

        var trainingTime = TimeSpan.Zero;
        (int Epoch, TimeSpan Time, double Accuracy)? reached = null;
        double accuracy = 0;
        int epoch = 0;
        while (reached is null && trainingTime < budget)
        {
            epoch++;
            var clock = Stopwatch.StartNew();
            var history = trainer.Fit(trainLoader with { Seed = epoch }, null, 1);
            trainingTime += clock.Elapsed;
            accuracy = trainer.Evaluate(testLoader).Accuracy;
            Console.WriteLine($"  epoch {epoch}: train loss {history.Last!.TrainLoss:F4}, test accuracy {EpochMetrics.Percent(accuracy)}, training time so far {trainingTime.TotalSeconds:F1} s");
            if (accuracy >= target) reached = (epoch, trainingTime, accuracy);
        }
        Console.WriteLine(reached is var (e, time, acc)
            ? $"RESULT {title}: {EpochMetrics.Percent(acc)} after {e} epoch(s), {time.TotalSeconds:F1} s of training (evaluation excluded) — target {(time <= budget ? "met" : "reached, but only after the time budget")}"
            : $"RESULT {title}: {EpochMetrics.Percent(accuracy)} after {epoch} epochs, {trainingTime.TotalSeconds:F1} s — target NOT reached");
    }

    /// <summary>
    /// The same steps (same model init, data order, optimizer) through Trainer.Fit and through a bare loop, alternated and
    /// each timed by its best run: on a shared machine a slow phase of a second or two can hit one run and not the other.
    /// </summary>
    private static void TrainerOverhead()
    {
        const int Runs = 5;
        Console.WriteLine($"\n== Trainer overhead: LeNet-5, one epoch over 12,000 MNIST images, batch 128, Adam; best of {Runs} alternating runs");
        using var data = Mnist.Load(Split.Train, 12_000);
        var loader = new BatchLoader(data, 128, Shuffle: true, Seed: 0);
        double bestBare = double.MaxValue, bestTrainer = double.MaxValue;
        using (var warmUp = data.Take(1024))
            Time(model => BareLoop(model, new BatchLoader(warmUp, 128)));   // untimed: JIT and libtorch warm up first
        for (int run = 0; run < Runs; run++)
        {
            bestBare = Math.Min(bestBare, Time(model => BareLoop(model, loader)));
            bestTrainer = Math.Min(bestTrainer, Time(model =>
                new Trainer(model, optim.Adam(model.parameters(), 1e-3), (o, t) => nn.functional.cross_entropy(o, t)).Fit(loader)));
        }
        double overhead = bestTrainer / bestBare - 1;
        Console.WriteLine($"  bare loop {bestBare:F2} s, Trainer.Fit {bestTrainer:F2} s");
        Console.WriteLine($"RESULT Trainer overhead: {overhead * 100:F1}% (target ≤ 5%)");

        static double Time(Action<LeNet5> train)
        {
            Seeds.Set(0);
            using var model = new LeNet5();
            var clock = Stopwatch.StartNew();
            train(model);
            return clock.Elapsed.TotalSeconds;
        }
    }

    /// <summary>The textbook TorchSharp loop: what the Trainer does, minus metrics and bookkeeping.</summary>
    private static void BareLoop(LeNet5 model, BatchLoader loader)
    {
        var optimizer = optim.Adam(model.parameters(), 1e-3);
        model.train();
        foreach (var (inputs, targets) in loader.Epoch(0))
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(inputs), targets);
            loss.backward();
            optimizer.step();
            inputs.Dispose();
            targets.Dispose();
        }
    }

    /// <summary>
    /// Median forward time of the im2col Conv2d against torch's conv2d on a 64×16×28×28 batch, 3×3, 16 filters, padding 1
    /// (the stated case), then with 32 and 64 filters to show how the ratio moves with the layer's width.
    /// </summary>
    private static void UnfoldConvolution()
    {
        Console.WriteLine("\n== im2col convolution: forward of a 64×16×28×28 batch, 16 filters of 16×3×3, padding 1, float32; median of 30");
        Seeds.Set(0);
        using var x = randn(64, 16, 28, 28);
        using var noGrad = no_grad();
        var options = new Conv2dOptions(Padding: 1);
        using (var scope = NewDisposeScope())
        {
            var (w, b) = (randn(16, 16, 3, 3), randn(16));
            var (ours, builtin) = ForwardTimes(x, w, b, options);
            var reference = BuiltinConvolution(x, w, b, options);
            // float32: compare the largest difference with the largest output (element-wise relative error is meaningless near 0)
            double difference = ((Conv2dLayer.Forward(x, w, b, options).Output - reference).abs().max() / reference.abs().max()).item<float>();
            Console.WriteLine($"  im2col {ours * 1000:F1} ms, torch conv2d {builtin * 1000:F1} ms (oneDNN {OneDnnState()}), max |difference| / max |output| = {difference:E1}");
            Console.WriteLine($"RESULT im2col convolution: {ours / builtin:F2}× the built-in's time (target ≤ 3×)");
            WhereTheTimeGoes(x, w, options, ours, builtin);
            AtenComparison(ours, () => BuiltinConvolution(x, w, b, options));
        }

        // The column matrix costs the same whatever the width; the matrix product grows with it, so a wider layer spends
        // a smaller share of its time copying.
        Console.WriteLine("  the same batch through wider layers (for comparison; the target is the 16-filter case):");
        foreach (int filters in new[] { 32, 64 })
        {
            using var scope = NewDisposeScope();
            var (ours, builtin) = ForwardTimes(x, randn(filters, 16, 3, 3), randn(filters), options);
            Console.WriteLine($"  {filters} filters: im2col {ours * 1000:F1} ms, torch conv2d {builtin * 1000:F1} ms: {ours / builtin:F2}×");
        }
    }

    // The im2col layer's time split into filling the columns and the rest (the matrix product with the bias), with the
    // product's arithmetic rate: 2·N·Cout·(Cin·K·K)·(H_out·W_out) floating-point operations, a multiply and an add per
    // weight per output position.
    private static void WhereTheTimeGoes(Tensor x, Tensor w, Conv2dOptions options, double ours, double builtin)
    {
        double columns = Median(() => Conv2dLayer.Im2Col(x, w.shape[2], w.shape[3], options));
        long outputPositions = options.OutputSize((int)x.shape[2], (int)w.shape[2]) * options.OutputSize((int)x.shape[3], (int)w.shape[3]);
        double gigaFlop = 2.0 * x.shape[0] * w.shape[0] * w.shape[1] * w.shape[2] * w.shape[3] * outputPositions / 1e9;
        Console.WriteLine($"  of which filling the columns {columns * 1000:F1} ms, the matrix product (the rest) {(ours - columns) * 1000:F1} ms " +
                          $"({gigaFlop / (ours - columns):F0} GFLOP/s; torch conv2d does the same arithmetic at {gigaFlop / builtin:F0} GFLOP/s)");
    }

    // Median forward times (seconds) of the im2col layer and torch's conv2d on the same input and weights.
    private static (double Im2Col, double Builtin) ForwardTimes(Tensor x, Tensor w, Tensor b, Conv2dOptions options) =>
        (Median(() => Conv2dLayer.Forward(x, w, b, options).Output),
         Median(() => BuiltinConvolution(x, w, b, options)));

    // TorchSharp's conv2d with the same options as the im2col layer.
    private static Tensor BuiltinConvolution(Tensor x, Tensor w, Tensor b, Conv2dOptions options) =>
        nn.functional.conv2d(x, w, b, strides: [options.Stride, options.Stride], padding: [options.Padding, options.Padding],
            dilation: [options.Dilation, options.Dilation], groups: options.Groups);

    // oneDNN's direct convolution never writes the column matrix; ATen's own conv2d (oneDNN off) is itself an im2col + GEMM.
    private static void AtenComparison(double ours, Func<Tensor> builtinConvolution)
    {
        if (OneDnnSwitch.Enabled != true || !OneDnnSwitch.TrySet(false)) return;
        try
        {
            double aten = Median(builtinConvolution);
            Console.WriteLine($"  ATen's conv2d (oneDNN off): {aten * 1000:F1} ms; im2col is {ours / aten:F2}× that");
        }
        finally
        {
            OneDnnSwitch.TrySet(true);
        }
    }

    // Median of 30 timed forward passes after 3 warm-up runs.
    private static double Median(Func<Tensor> forward)
    {
        var times = new List<double>();
        for (int i = 0; i < 33; i++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            forward();
            if (i >= 3) times.Add(clock.Elapsed.TotalSeconds);   // the first runs warm up
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
