using CourseKit.Training;
using System.CommandLine;
using CourseKit.Cli.Commands.Train;
using CourseKit.Generative;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit train &lt;model&gt;</c>: regenerates the kit's shipped checkpoints from a fixed seed (near, not bit for
/// bit, the same weights: seeded training on a multithreaded CPU does not repeat exactly). One sub-command per model;
/// each calls a library helper and only parses options and prints here.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Retrain a shipped checkpoint (data/checkpoints/) from scratch, from seed 0.");
        command.Subcommands.Add(Vae());
        command.Subcommands.Add(MnistClassifierTraining.Create());
        command.Subcommands.Add(DcganTraining.Create());
        command.Subcommands.Add(PixelCnnCheckpointTraining.Create());
        command.Subcommands.Add(UNetTraining.Create());
        command.Subcommands.Add(ModeCollapseBenchmark.Create());
        return command;
    }

    // coursekit train vae: the MLP VAE (20-d latent) on binarised MNIST used by notebook 07.
    private static Command Vae()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60 000 training images.", DefaultValueFactory = _ => 50 };   // the shipped checkpoint
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, shuffling, binarisation and ε.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "TorchSharp threads (default: every core; 1 is faster on a crowded machine)." };
        var limit = new Option<int?>("--limit") { Description = "Train on the first N images only (for a quick trial; the shipped checkpoint uses all 60 000)." };
        var output = new Option<string>("--output") { Description = "Where to write the weights (a .json description goes beside them).", DefaultValueFactory = _ => Path.Combine("data", ReferenceVae.CheckpointPath) };
        var command = new Command("vae", "Train the MLP VAE (784-512-256-20, Bernoulli decoder) on dynamically binarised MNIST and report test −ELBO.")
        {
            epochs, seed, threads, limit, output,
        };
        command.SetAction((parse, token) =>
        {
            TorchRuntime.Initialize(parse.GetValue(threads));
            var options = new VaeTrainingOptions(Epochs: parse.GetValue(epochs), Seed: parse.GetValue(seed));
            var (model, info) = ReferenceVae.Train(options, new ProgressCallback<EpochMetrics>(e =>
                Console.WriteLine($"epoch {e.Epoch}/{options.Epochs}: train −ELBO {e.TrainLoss:F2} nats ({DateTime.UtcNow:HH:mm:ss} UTC)")), parse.GetValue(limit), token);
            string path = parse.GetValue(output)!;
            VaeCheckpoint.Save(model, info, path);
            Console.WriteLine($"test −ELBO {info.TestNegativeElbo:F2} nats ({info.TestBitsPerDimension:F4} bits/dim), " +
                $"importance-weighted −log p(x) {info.TestImportanceWeightedNll:F2} nats (k = {info.ImportanceSamples}, first {ReferenceVae.ImportanceTestImages} test images), " +
                $"trained in {info.TrainingSeconds:F0} s on {TorchRuntime.Threads} threads; wrote {path}");
            return Task.FromResult(0);
        });
        return command;
    }
}
