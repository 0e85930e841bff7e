using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Transfer;

/// <summary>The sizes of a transfer experiment; the defaults are the full run of <c>coursekit vision transfer</c>.</summary>
/// <param name="PretrainImages">MNIST training images of digits 0–4 used to pretrain.</param>
/// <param name="PretrainEpochs">Epochs of pretraining.</param>
/// <param name="LittlePerClass">Labelled examples per class in the "little data" setting.</param>
/// <param name="MuchPerClass">Labelled examples per class in the "much data" setting.</param>
/// <param name="TestImages">Test images per target task.</param>
/// <param name="Seeds">One adaptation per seed (the error bars).</param>
/// <param name="Steps">Optimizer steps of each adaptation (the same for little and much data, so only the data differs).</param>
public sealed record TransferSettings(
    int PretrainImages = 15000, int PretrainEpochs = 2, int LittlePerClass = 10, int MuchPerClass = 500,
    int TestImages = 1000, int[]? Seeds = null, int Steps = 150)
{
    /// <summary>The seeds, 0, 1 and 2 unless given.</summary>
    public int[] SeedList => Seeds ?? [0, 1, 2];
}
