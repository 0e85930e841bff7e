using CourseKit.Data;
using CourseKit.Runtime;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// A small CNN trained on MNIST, shipped as a checkpoint (<c>data/checkpoints/mnist-classifier.bin</c>) so the GAN
/// notebook can score generated digits without training first: its softmax gives the Inception Score and its
/// 128-dimensional penultimate layer (<see cref="Features"/>) the Fréchet distance.
/// <code>conv 3×3 16 → ReLU → pool → conv 3×3 32 → ReLU → pool → fc 128 → ReLU (features) → fc 10</code>
/// Trained by <see cref="Train"/>: Adam (lr 1e-3), batch 128, <see cref="Epochs"/> epochs on the 60,000 training
/// digits, seed 0; reaches at least <see cref="StatedAccuracy"/> on the 10,000 test digits.
/// </summary>
public sealed class MnistClassifier : StagedModel
{
    /// <summary>The test accuracy the shipped checkpoint is guaranteed to reach (a test checks it).</summary>
    public const double StatedAccuracy = 0.985;

    /// <summary>Training epochs of the shipped checkpoint.</summary>
    public const int Epochs = 2;

    /// <summary>The checkpoint's file name under <c>data/checkpoints/</c>.</summary>
    public const string FileName = "mnist-classifier.bin";

    /// <summary>An untrained classifier.</summary>
    public MnistClassifier()
        : base("MnistClassifier",
            ("conv1", Conv2d(1, 16, 3, padding: 1)), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(16, 32, 3, padding: 1)), ("relu2", ReLU()), ("pool2", MaxPool2d(2)),
            ("flatten", Flatten()),
            ("fc1", Linear(32 * 7 * 7, 128)), ("features", ReLU()),
            ("output", Linear(128, 10))) { }

    /// <summary>The 128-dimensional penultimate activations (after the ReLU), N×128, for Fréchet distances.</summary>
    public Tensor Features(Tensor images) => ForwardUntil(images, "features");

    /// <summary>Class probabilities p(y|x), N×10 (softmax of the logits), for the Inception Score.</summary>
    public Tensor Probabilities(Tensor images) => functional.softmax(forward(images), 1);

    /// <summary>
    /// Where the checkpoint lives: <c>data/checkpoints/mnist-classifier.bin</c> in the repository, or, outside a
    /// checkout, the kit's per-user cache folder.
    /// </summary>
    public static string DefaultPath =>
        DataLocator.RepositoryRoot() is string root
            ? Path.Combine(root, "data", "checkpoints", FileName)
            : Path.Combine(TorchLoadFix.CacheDirectory(), "checkpoints", FileName);

    /// <summary>
    /// The trained classifier, in evaluation mode: loaded from <paramref name="path"/> (default <see cref="DefaultPath"/>)
    /// if the checkpoint is there, else trained (about a minute or two on two cores) and saved there.
    /// </summary>
    public static MnistClassifier LoadOrTrain(string? path = null, IProgress<EpochMetrics>? progress = null)
    {
        path ??= DefaultPath;
        var model = new MnistClassifier();
        if (File.Exists(path))
            Trainer.LoadModel(model, path);
        else
        {
            model.Dispose();
            (model, _) = Train(progress);
            Trainer.SaveModel(model, path);
        }
        model.eval();
        return model;
    }

    /// <summary>Trains a classifier from seed 0 exactly as the shipped checkpoint was trained; returns it and its test evaluation.</summary>
    public static (MnistClassifier Model, Evaluation Test) Train(IProgress<EpochMetrics>? progress = null, int seed = 0)
    {
        Seeds.Set(seed);
        var model = new MnistClassifier();
        using var train = Mnist.Load(Split.Train);
        using var test = Mnist.Load(Split.Test);
        var trainer = new Trainer(model, optim.Adam(model.parameters(), 1e-3), (output, target) => functional.cross_entropy(output, target));
        trainer.Fit(new BatchLoader(train, 128, Shuffle: true, Seed: seed), null, Epochs, progress);
        var evaluation = trainer.Evaluate(new BatchLoader(test, 1000));
        model.eval();
        return (model, evaluation);
    }
}
