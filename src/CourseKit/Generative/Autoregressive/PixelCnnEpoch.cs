using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>One epoch of PixelCNN training.</summary>
public sealed record PixelCnnEpoch(int Epoch, double TrainNats, double TestNats);
