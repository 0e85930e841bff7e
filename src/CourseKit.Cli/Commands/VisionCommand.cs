using System.CommandLine;
using CourseKit.Detection;
using CourseKit.Segmentation;
using CourseKit.Runtime;
using CourseKit.Training;
using CourseKit.Transfer;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit vision …</c>: the full-size experiments behind notebooks 04 and 05 (detection mAP, segmentation
/// mean IoU, the transfer-learning table), printed as numbers.
/// </summary>
internal static class VisionCommand
{
    public static Command Create()
    {
        var command = new Command("vision", "Run the full-size vision experiments of notebooks 04 and 05 and print their numbers.");
        command.Subcommands.Add(Detect());
        command.Subcommands.Add(Segment());
        command.Subcommands.Add(Transfer());
        return command;
    }

    private static Option<int> IntOption(string name, int value, string description) =>
        new(name) { DefaultValueFactory = _ => value, Description = description };

    private static Command Detect()
    {
        var train = IntOption("--train", 800, "training scenes");
        var test = IntOption("--test", 300, "test scenes");
        var epochs = IntOption("--epochs", 6, "training epochs");
        var seed = IntOption("--seed", 0, "seed");
        var command = new Command("detect", "Train the R-CNN-style detector on synthetic cluttered scenes; print mAP@0.5 with proposals and with sliding windows.")
        {
            train, test, epochs, seed,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var progress = new TerminalProgress(parse.GetValue(epochs));
            var (_, report) = DetectionExperiment.Run(parse.GetValue(train), parse.GetValue(test), parse.GetValue(epochs), parse.GetValue(seed), progress: progress);
            Console.WriteLine(report);
            return 0;
        });
        return command;
    }

    private static Command Segment()
    {
        var train = IntOption("--train", ShippedUNet.TrainCount, "training images");
        var test = IntOption("--test", ShippedUNet.TestCount, "test images");
        var epochs = IntOption("--epochs", ShippedUNet.Epochs, "training epochs");
        var seed = IntOption("--seed", 0, "seed");
        var only = new Option<string?>("--only") { Description = "train only this network (e.g. \"U-Net with skips\")" };
        var command = new Command("segment", "Train FCNs, a dilated network and U-Nets with/without skips on synthetic shape masks; print mean IoU and boundary accuracy.")
        {
            train, test, epochs, seed, only,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var names = parse.GetValue(only) is { } name ? new[] { name } : SegmentationExperiment.Networks.Keys.ToArray();
            var progress = new ProgressCallback<string>(Console.WriteLine);
            SegmentationExperiment.Compare(names, parse.GetValue(train), parse.GetValue(test), parse.GetValue(epochs), parse.GetValue(seed), progress);
            return 0;
        });
        return command;
    }

    private static Command Transfer()
    {
        var seeds = IntOption("--seeds", 3, "adaptations per cell (error bars)");
        var steps = IntOption("--steps", 150, "optimizer steps per adaptation");
        var much = IntOption("--much", 500, "labels per class in the 'much data' row");
        var command = new Command("transfer", "Pretrain on MNIST digits 0-4, adapt four ways to digits 5-9 and to Fashion-MNIST with little and much data; print the transfer-learning lecture's 2x2 table.")
        {
            seeds, steps, much,
        };
        command.SetAction((parse, token) =>
        {
            TorchRuntime.Initialize();
            var settings = new TransferSettings(MuchPerClass: parse.GetValue(much), Steps: parse.GetValue(steps),
                Seeds: Enumerable.Range(0, parse.GetValue(seeds)).ToArray());
            var results = TransferTable.Run(settings, new ProgressCallback<string>(Console.WriteLine), token);
            Console.WriteLine();
            Console.WriteLine(TransferTable.ToMarkdown(results));
            return Task.FromResult(0);
        });
        return command;
    }
}
