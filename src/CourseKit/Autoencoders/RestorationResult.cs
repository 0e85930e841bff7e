using CourseKit.Clustering;
using CourseKit.Imaging;
using CourseKit.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>Test MSE per pixel before and after restoration.</summary>
/// <param name="Task">What was restored.</param>
/// <param name="CorruptedMse">MSE of the corrupted input (or baseline) against the clean target.</param>
/// <param name="RestoredMse">MSE of the autoencoder's output against the clean target.</param>
public sealed record RestorationResult(string Task, double CorruptedMse, double RestoredMse);
