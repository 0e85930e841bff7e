using System.CommandLine;
using System.Diagnostics;
using CourseKit.Data;
using CourseKit.Generative;
using CourseKit.Generative.Autoregressive;
using CourseKit.Runtime;
using CourseKit.Training;

namespace CourseKit.Cli.Commands.Train;

/// <summary><c>coursekit train pixelcnn</c>: the PixelCNN of notebook 09 on stochastically binarized MNIST.</summary>
internal static class PixelCnnCheckpointTraining
{
    public const string FileName = "pixelcnn.bin";

    /// <summary>Where <c>--gated</c> saves by default (no gated checkpoint is shipped).</summary>
    public const string GatedFileName = "gated-pixelcnn.bin";

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60,000 binarized training digits.", DefaultValueFactory = _ => PixelCnnTraining.ShippedEpochs };
        var channels = new Option<int>("--channels") { Description = "Feature maps per layer (per stack with --gated).", DefaultValueFactory = _ => PixelCnnTraining.ShippedChannels };
        var layers = new Option<int>("--layers") { Description = "Layers after the first: residual 3×3 type-B ones, or gated 3×3 ones with --gated.", DefaultValueFactory = _ => PixelCnnTraining.ShippedLayers };
        var learningRate = new Option<double>("--lr") { Description = "Adam's first learning rate (it then follows a cosine to 0).", DefaultValueFactory = _ => PixelCnnTraining.ShippedLearningRate };
        var gated = new Option<bool>("--gated") { Description = "Train the gated PixelCNN (vertical and horizontal stacks, no blind spot) instead of the plain one." };
        var output = new Option<string?>("--output") { Description = $"Where to save the network (default: data/checkpoints/{FileName}, or {GatedFileName} with --gated)." };
        var command = new Command("pixelcnn", $"Train the PixelCNN of notebook 09 (seed 0; with --gated, the gated PixelCNN), report test NLL after every epoch and save it (by default to data/checkpoints/{FileName}).")
            { epochs, channels, layers, learningRate, gated, output };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            using var train = Mnist.Load(Split.Train);
            using var test = Mnist.Load(Split.Test);
            using var trainBits = PixelCnnTraining.Binarize(train.Inputs, seed: 1);
            using var testBits = PixelCnnTraining.Binarize(test.Inputs, seed: 2);
            TorchSharp.torch.manual_seed(0);
            bool isGated = parse.GetValue(gated);
            AutoregressiveImageModel model = isGated
                ? new GatedPixelCnn(parse.GetValue(channels), parse.GetValue(layers))
                : new PixelCnn(parse.GetValue(channels), parse.GetValue(layers));
            string path = parse.GetValue(output) ?? Path.Combine(Checkpoints.WritableFolder(), isGated ? GatedFileName : FileName);
            var clock = Stopwatch.StartNew();
            PixelCnnTraining.Fit(model, trainBits, testBits, parse.GetValue(epochs), parse.GetValue(learningRate),
                progress: new ProgressCallback<PixelCnnEpoch>(e => Console.WriteLine(
                    $"epoch {e.Epoch + 1}: train {e.TrainNats:F2} nats, test {e.TestNats:F2} nats = {e.TestNats / (784 * Math.Log(2)):F4} bits/dim  {clock.Elapsed:hh\\:mm\\:ss}")),
                afterEpoch: _ => model.save(path));
            Console.WriteLine($"saved {path}");
            return 0;
        });
        return command;
    }
}
