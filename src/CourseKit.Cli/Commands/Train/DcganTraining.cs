using System.CommandLine;
using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Generative.Gans;
using CourseKit.Runtime;
using CourseKit.Training;

namespace CourseKit.Cli.Commands.Train;

/// <summary><c>coursekit train dcgan</c>: the DCGAN of notebook 08 on all 60,000 MNIST training digits.</summary>
internal static class DcganTraining
{
    public const string FileName = "dcgan-generator.bin";

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60,000 training digits.", DefaultValueFactory = _ => 2 };
        var command = new Command("dcgan", $"Train the DCGAN (seed 0) and save its generator to data/checkpoints/{FileName} after every epoch.") { epochs };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            using var digits = Mnist.Load(Split.Train);
            string path = Path.Combine(Checkpoints.WritableFolder(), FileName);
            var clock = Stopwatch.StartNew();
            var progress = new ProgressCallback<GanStep>(s =>
            {
                if (s.Step % 100 == 0)
                    Console.WriteLine($"step {s.Step,6}  D loss {s.DiscriminatorLoss:F3}  G loss {s.GeneratorLoss:F3}  D(x) {s.RealScore:F2}  D(G(z)) {s.FakeScore:F2}  {clock.Elapsed:hh\\:mm\\:ss}");
            });
            DigitGans.TrainDcgan(digits.Inputs, parse.GetValue(epochs), progress: progress, afterEpoch: (epoch, generator) =>
            {
                generator.save(path);
                Console.WriteLine($"epoch {epoch + 1}: saved {path}");
            });
            return 0;
        });
        return command;
    }
}
