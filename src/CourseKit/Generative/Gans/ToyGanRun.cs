using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>One toy GAN run: the settings, what it covered, and 2,500 of its samples for a scatter plot.</summary>
/// <param name="Settings">How it was trained.</param>
/// <param name="Seed">The seed of the run.</param>
/// <param name="Coverage">Modes covered and high-quality fraction of <see cref="Samples"/>.</param>
/// <param name="Samples">2,500 generated points as [x, y] pairs.</param>
public sealed record ToyGanRun(GanSettings Settings, int Seed, ModeCoverage Coverage, float[][] Samples);
