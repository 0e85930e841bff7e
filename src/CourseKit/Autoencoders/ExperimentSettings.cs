using CourseKit.Clustering;
using CourseKit.Data;
using CourseKit.Imaging;
using CourseKit.Metrics;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>Settings shared by the application experiments: a small MLP autoencoder trained briefly.</summary>
/// <param name="Hidden">Hidden layer sizes.</param>
/// <param name="CodeSize">dim(h).</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="Seed">Seed of initialisation, shuffling and noise.</param>
/// <param name="BatchSize">Images per Adam step (small batches: more steps from a small subset).</param>
/// <param name="LearningRate">Adam's step size.</param>
public sealed record ExperimentSettings(int[] Hidden, int CodeSize = 32, int Epochs = 10, int Seed = 0, int BatchSize = 32, double LearningRate = 2e-3)
{
    /// <summary>Trains an MLP autoencoder (MSE) with the <see cref="Trainer"/> on <paramref name="images"/> to reproduce <paramref name="targets"/> (default: the images).</summary>
    public Autoencoder TrainAutoencoder(Tensor images, Tensor? targets = null, ReconstructionObjective? objective = null, int? codeSize = null)
    {
        manual_seed(Seed);
        long[] shape = (targets ?? images).shape.Skip(1).ToArray();
        var model = Autoencoder.Mlp(images.shape.Skip(1).ToArray(), Hidden, codeSize ?? CodeSize);
        if (!shape.SequenceEqual(images.shape.Skip(1)))
            model = Autoencoder.Convolutional((int)images.shape[1], (int)shape[0], (int)shape[1], codeSize ?? CodeSize);
        var loader = new BatchLoader(new InMemoryDataset(images, targets ?? images), BatchSize, Shuffle: true, Seed: Seed);   // views the caller's tensors
        var step = new ObjectiveStep(model, optim.Adam(model.parameters(), lr: LearningRate), (objective ?? new ReconstructionObjective()).For(model));
        new Trainer(step).Fit(loader, epochs: Epochs);
        return model;
    }
}
