using System.CommandLine;
using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Generative.Gans;
using CourseKit.Generative.Metrics;
using CourseKit.Models;
using CourseKit.Runtime;
using CourseKit.Training;

namespace CourseKit.Cli.Commands.Train;

/// <summary><c>coursekit train dcgan</c>: the DCGAN of notebook 08 on all 60,000 MNIST training digits.</summary>
internal static class DcganTraining
{
    /// <summary>Samples and test digits each quality line is measured on (the numbers notebook 08 states).</summary>
    private const int QualitySamples = 5000;

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60,000 training digits.", DefaultValueFactory = _ => DigitGans.ShippedEpochs };
        var features = new Option<int>("--features") { Description = "Width of the generator's last hidden layer and the discriminator's first.", DefaultValueFactory = _ => DigitGans.ShippedFeatures };
        var discriminatorBatchNorm = new Option<bool>("--discriminator-batch-norm")
        {
            Description = "false: leave out the discriminator's batch norm (the variant notebook 08 compares; against the DCGAN rules).",
            DefaultValueFactory = _ => true,
        };
        var extraLayers = new Option<int>("--extra-layers")
        {
            Description = "3×3 stride-1 convolutions added at each resolution of both networks (0: the lecture's minimal DCGAN).",
            DefaultValueFactory = _ => DigitGans.ShippedExtraLayers,
        };
        var output = new Option<string?>("--output") { Description = $"Where to save the generator (default: data/checkpoints/{DigitGans.CheckpointFile}, the shipped checkpoint)." };
        var command = new Command("dcgan", $"Train the DCGAN (seed 0), print its Inception Score and Fréchet distance after every epoch and save its generator (by default to data/checkpoints/{DigitGans.CheckpointFile}).")
        {
            epochs, features, discriminatorBatchNorm, extraLayers, output,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            using var digits = Mnist.Load(Split.Train);
            using var test = Mnist.Load(Split.Test, limit: QualitySamples);
            var probe = FeatureClassifier.Of(MnistClassifier.LoadOrTrain());
            Console.WriteLine($"real test digits: Inception Score {SampleQuality.InceptionScore(probe, test.Inputs):F2} ({QualitySamples} digits)");
            string path = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(Checkpoints.WritableFolder(), DigitGans.CheckpointFile));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var clock = Stopwatch.StartNew();
            void AfterEpoch(EpochMetrics epoch, DcganGenerator generator)
            {
                Console.WriteLine(epoch);
                generator.save(path);
                using var samples = DigitGans.Sample(generator, QualitySamples, seed: 0);
                Console.WriteLine($"epoch {epoch.Epoch}: {SampleQuality.Report(probe, samples, test.Inputs)}  {clock.Elapsed:hh\\:mm\\:ss}; saved {path}");
            }
            DigitGans.TrainDcgan(digits.Inputs, parse.GetValue(epochs), features: parse.GetValue(features), afterEpoch: AfterEpoch,
                discriminatorBatchNorm: parse.GetValue(discriminatorBatchNorm), extraLayers: parse.GetValue(extraLayers));
            return 0;
        });
        return command;
    }
}
