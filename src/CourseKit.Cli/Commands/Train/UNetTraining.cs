using System.CommandLine;
using System.Diagnostics;
using CourseKit.Generative;
using CourseKit.Runtime;
using CourseKit.Segmentation;
using CourseKit.Training;

namespace CourseKit.Cli.Commands.Train;

/// <summary><c>coursekit train unet</c>: the full-size U-Net notebook 05 loads (<see cref="ShippedUNet"/>).</summary>
internal static class UNetTraining
{
    public static Command Create()
    {
        var only = new Option<string?>("--only") { Description = "Train only this one: skips or noskips (default: both)." };
        var command = new Command("unet",
            $"Train the U-Nets with and without skips on {ShippedUNet.TrainCount} shape masks for {ShippedUNet.Epochs} epochs (seed {ShippedUNet.Seed}), " +
            $"report their test mean IoU and save them in data/checkpoints/.") { only };
        command.SetAction((parse, token) =>
        {
            TorchRuntime.Initialize();
            bool[] variants = parse.GetValue(only) switch
            {
                null => [true, false],
                "skips" => [true],
                "noskips" => [false],
                var other => throw new ArgumentException($"--only {other}: choose skips or noskips"),
            };
            foreach (bool skips in variants) TrainOne(skips, token);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void TrainOne(bool skips, CancellationToken token)
    {
        string name = skips ? "U-Net with skips" : "U-Net without skips";
        var clock = Stopwatch.StartNew();
        using var network = ShippedUNet.Train(skips, new ProgressCallback<EpochMetrics>(e =>
            Console.WriteLine($"{name}, epoch {e.Epoch}/{ShippedUNet.Epochs}: pixel cross-entropy {e.TrainLoss:F4}  {clock.Elapsed:hh\\:mm\\:ss}")), token);
        string path = Path.Combine(Checkpoints.WritableFolder(), ShippedUNet.FileName(skips));
        network.save(path);
        Console.WriteLine($"{name}, test ({ShippedUNet.TestCount} images): {ShippedUNet.Score(network)}");
        Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F0} s on {TorchRuntime.Threads} threads; wrote {path}");
    }
}
