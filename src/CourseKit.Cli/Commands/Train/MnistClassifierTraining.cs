using System.CommandLine;
using CourseKit.Models;
using CourseKit.Runtime;
using CourseKit.Training;

namespace CourseKit.Cli.Commands.Train;

/// <summary><c>coursekit train mnist-classifier</c>: the MNIST classifier the GAN metrics use (data/checkpoints/), from seed 0.</summary>
internal static class MnistClassifierTraining
{
    public static Command Create()
    {
        var command = new Command("mnist-classifier",
            $"Train the MNIST classifier the GAN metrics use (seed 0) and save it as data/checkpoints/{MnistClassifier.FileName}.");
        command.SetAction(_ =>
        {
            TorchRuntime.Initialize();
            string path = MnistClassifier.DefaultPath;
            Console.WriteLine($"Training the MNIST classifier ({MnistClassifier.Epochs} epochs, Adam 1e-3, batch 128, seed 0) …");
            var (model, test) = MnistClassifier.Train(new TerminalProgress(MnistClassifier.Epochs));
            using (model)
            {
                Console.WriteLine($"Test: {test}");
                if (test.Accuracy < MnistClassifier.StatedAccuracy)
                {
                    Console.Error.WriteLine($"The classifier reached only {EpochMetrics.Percent(test.Accuracy)}, below the stated {EpochMetrics.Percent(MnistClassifier.StatedAccuracy)}; not saved.");
                    return 1;
                }
                Trainer.SaveModel(model, path);
                Console.WriteLine($"Saved {path} ({new FileInfo(path).Length:N0} bytes)");
            }
            return 0;
        });
        return command;
    }
}
