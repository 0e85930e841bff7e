namespace CourseKit.Generative;

/// <summary>
/// How <see cref="ReferenceVae.Train"/> trains the reference VAE (and, in <see cref="VaeCheckpointInfo"/>, how a shipped
/// checkpoint was trained): Adam on <see cref="VariationalAutoencoder.Objective"/> with the <see cref="Training.Trainer"/>.
/// </summary>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="Beta">Weight of the KL term (1 = VAE, &gt; 1 = β-VAE).</param>
/// <param name="DynamicBinarization">Draw a fresh Bernoulli(x) binary image for every batch (for a Bernoulli decoder on grey images).</param>
/// <param name="Seed">Seed of the shuffling, the binarisation and ε.</param>
public sealed record VaeTrainingOptions(int Epochs = 10, int BatchSize = 128, double LearningRate = 1e-3, double Beta = 1.0,
    bool DynamicBinarization = true, int Seed = 0);
