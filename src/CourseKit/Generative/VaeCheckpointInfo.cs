using System.Text.Json;
using TorchSharp;

namespace CourseKit.Generative;

/// <summary>
/// What a shipped VAE checkpoint is: the architecture to rebuild, how it was trained, and the test numbers it
/// was measured at (so a test can check that the file still meets them).
/// </summary>
/// <param name="Architecture">"mlp" or "conv".</param>
/// <param name="Hidden">Hidden layer sizes of the MLP.</param>
/// <param name="LatentSize">d.</param>
/// <param name="Training">The options it was trained with.</param>
/// <param name="TrainingSeconds">Wall-clock training time on the machine that made it.</param>
/// <param name="TestNegativeElbo">Mean −ELBO on the fixed binarised MNIST test set (nats).</param>
/// <param name="TestBitsPerDimension">The same in bits per dimension.</param>
/// <param name="TestImportanceWeightedNll">The importance-weighted −log p(x) estimate (nats).</param>
/// <param name="ImportanceSamples">k used for it.</param>
/// <param name="Command">The command that regenerates the file.</param>
public sealed record VaeCheckpointInfo(string Architecture, int[] Hidden, int LatentSize, VaeTrainingOptions Training,
    double TrainingSeconds, double TestNegativeElbo, double TestBitsPerDimension, double TestImportanceWeightedNll, int ImportanceSamples, string Command);
