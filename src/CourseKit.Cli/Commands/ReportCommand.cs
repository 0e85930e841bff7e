using System.CommandLine;
using CourseKit.Autoencoders;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

/// <summary><c>coursekit report &lt;area&gt;</c>: prints the measured numbers behind a notebook, from scratch.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "Measure and print the numbers a notebook states (takes minutes).");
        var train = new Option<int>("--train") { Description = "MNIST training images to use.", DefaultValueFactory = _ => 5000 };
        var test = new Option<int>("--test") { Description = "MNIST test images to use.", DefaultValueFactory = _ => 1000 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per autoencoder.", DefaultValueFactory = _ => 10 };
        var autoencoders = new Command("autoencoders", "The eight autoencoder applications of the autoencoder lecture against their baselines (notebook 06).") { train, test, epochs };
        autoencoders.SetAction((parse, token) =>
        {
            TorchRuntime.Initialize();
            ApplicationReport.Run(Console.Out, parse.GetValue(train), parse.GetValue(test), parse.GetValue(epochs), token);
            return Task.FromResult(0);
        });
        command.Subcommands.Add(autoencoders);
        return command;
    }
}
