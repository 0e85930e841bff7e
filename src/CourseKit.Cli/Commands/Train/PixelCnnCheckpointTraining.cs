using System.CommandLine;
using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Generative.Autoregressive;
using CourseKit.Runtime;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Cli.Commands.Train;

/// <summary><c>coursekit train pixelcnn</c>: the PixelCNN of notebook 09 on stochastically binarized MNIST.</summary>
internal static class PixelCnnCheckpointTraining
{
    public const string FileName = "pixelcnn.bin";

    /// <summary>Where <c>--gated</c> saves by default (no gated checkpoint is shipped).</summary>
    public const string GatedFileName = "gated-pixelcnn.bin";

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60,000 binarized training digits.", DefaultValueFactory = _ => ShippedPixelCnn.Epochs };
        var channels = new Option<int>("--channels") { Description = "Feature maps per layer (per stack with --gated).", DefaultValueFactory = _ => ShippedPixelCnn.Channels };
        var layers = new Option<int>("--layers") { Description = "Layers after the first: residual 3×3 type-B ones, or gated 3×3 ones with --gated.", DefaultValueFactory = _ => ShippedPixelCnn.Layers };
        var learningRate = new Option<double>("--lr") { Description = "Adam's first learning rate (it then follows a cosine to 0).", DefaultValueFactory = _ => ShippedPixelCnn.LearningRate };
        var gated = new Option<bool>("--gated") { Description = "Train the gated PixelCNN (vertical and horizontal stacks, no blind spot) instead of the plain one." };
        var output = new Option<string?>("--output") { Description = $"Where to save the network (default: data/checkpoints/{FileName}, or {GatedFileName} with --gated)." };
        var command = new Command("pixelcnn", $"Train the PixelCNN of notebook 09 (seed 0; with --gated, the gated PixelCNN), report test NLL after every epoch and save it (by default to data/checkpoints/{FileName}).")
            { epochs, channels, layers, learningRate, gated, output };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            using var train = Mnist.Load(Split.Train);
            using var test = Mnist.Load(Split.Test);
            using var trainBits = Binarize.Fixed(train.Inputs, seed: 1);
            using var testBits = Binarize.Fixed(test.Inputs, seed: 2);
            TorchSharp.torch.manual_seed(0);
            bool isGated = parse.GetValue(gated);
            AutoregressiveImageModel model = isGated
                ? new GatedPixelCnn(parse.GetValue(channels), parse.GetValue(layers))
                : new PixelCnn(parse.GetValue(channels), parse.GetValue(layers));
            string path = parse.GetValue(output) ?? Path.Combine(Checkpoints.WritableFolder(), isGated ? GatedFileName : FileName);
            int epochCount = parse.GetValue(epochs);
            using var optimizer = optim.Adam(model.parameters(), parse.GetValue(learningRate));
            // The image is its own target: the loss is the mean −log p(x) of the batch, in nats per image, and the
            // validation loss is the same on the test digits.
            var trainer = new Trainer(model, optimizer, (logits, images) => AutoregressiveImageModel.NegativeLogLikelihood(logits, images).mean())
            {
                Scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, epochCount),
            };
            using var trainData = new InMemoryDataset(trainBits.alias(), trainBits.alias());   // disposing it frees the aliases only
            using var testData = new InMemoryDataset(testBits.alias(), testBits.alias());
            var reportAndSave = new ProgressCallback<EpochMetrics>(e =>
            {
                double testNats = e.ValidationLoss ?? double.NaN;
                Console.WriteLine($"epoch {e.Epoch}: train {e.TrainLoss:F2} nats, test {testNats:F2} nats = {testNats / (784 * Math.Log(2)):F4} bits/dim  {e.Elapsed:hh\\:mm\\:ss}");
                Trainer.SaveModel(model, path);
            });
            trainer.Fit(new BatchLoader(trainData, 64, Shuffle: true), new BatchLoader(testData, 500), epochCount, reportAndSave);
            Console.WriteLine($"saved {path}");
            return 0;
        });
        return command;
    }
}
