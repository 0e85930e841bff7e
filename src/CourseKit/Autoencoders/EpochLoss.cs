using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>Progress of <see cref="ReconstructionTraining.Fit(nn.Module, BatchLoader, Func{Tensor, Tensor, Tensor}, int, double, IProgress{EpochLoss}?, CancellationToken)"/>.</summary>
/// <param name="Epoch">The epoch just finished (1-based).</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="MeanLoss">Its mean loss per example.</param>
public sealed record EpochLoss(int Epoch, int Epochs, double MeanLoss);
