using CourseKit.Data;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Sequences;

/// <summary>One epoch of a sequence model's training: mean loss and accuracy on the held-out set.</summary>
public sealed record SequenceEpoch(int Epoch, double TrainLoss, double TestAccuracy);
