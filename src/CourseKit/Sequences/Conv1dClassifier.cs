using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Sequences;

/// <summary>
/// The sequence lecture's "sequence modelling with 1-D convolutions": Conv1d layers look at nearby time steps only; a global max over
/// time then says whether a pattern occurred anywhere. Input N×T×F, like the recurrent models.
/// </summary>
public sealed class Conv1dClassifier : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Sequential features;
    private readonly TorchSharp.Modules.Linear head;

    /// <summary>Creates two Conv1d + ReLU layers of <paramref name="channels"/> channels with kernels of <paramref name="kernelSize"/>.</summary>
    public Conv1dClassifier(int inputSize, int channels, int classes, int kernelSize = 3) : base(nameof(Conv1dClassifier))
    {
        features = nn.Sequential(
            nn.Conv1d(inputSize, channels, kernelSize, padding: kernelSize / 2), nn.ReLU(),
            nn.Conv1d(channels, channels, kernelSize, padding: kernelSize / 2), nn.ReLU());
        head = nn.Linear(channels, classes);
        ReceptiveField = 2 * (kernelSize - 1) + 1;
        RegisterComponents();
    }

    /// <summary>Time steps one feature of the last conv layer sees: 2(k − 1) + 1.</summary>
    public int ReceptiveField { get; }

    /// <summary>Class scores: conv over time (N×F×T), max over time, linear.</summary>
    public override Tensor forward(Tensor sequences) =>
        head.forward(features.forward(sequences.transpose(1, 2)).amax([2]));
}
