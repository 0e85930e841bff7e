using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>The numbers of one generator step (the last of its k discriminator steps for the D columns).</summary>
/// <param name="Step">0-based generator step.</param>
/// <param name="DiscriminatorLoss">The discriminator's (critic's) loss, including the gradient penalty.</param>
/// <param name="GeneratorLoss">The generator's loss.</param>
/// <param name="RealScore">Mean D(x) on real examples (a probability for the logistic games, a score otherwise).</param>
/// <param name="FakeScore">Mean D(G(z)) on generated examples (before the generator's update).</param>
/// <param name="GeneratorGradientNorm">‖∂loss_G/∂θ_G‖₂: how much the generator is told to change.</param>
public sealed record GanStep(int Step, double DiscriminatorLoss, double GeneratorLoss, double RealScore, double FakeScore, double GeneratorGradientNorm);
