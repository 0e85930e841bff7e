using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using BatchLoader = CourseKit.Data.BatchLoader;
using InMemoryDataset = CourseKit.Data.InMemoryDataset;
using static TorchSharp.torch;

namespace CourseKit.Generative.Autoregressive;

/// <summary>One epoch of PixelCNN training.</summary>
public sealed record PixelCnnEpoch(int Epoch, double TrainNats, double TestNats);
