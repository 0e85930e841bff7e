using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>The GAN lecture's "diminished gradient", measured: how hard each generator loss pushes once the discriminator wins.</summary>
/// <param name="FakeScore">Mean D(G(z)) of the trained discriminator.</param>
/// <param name="MinimaxNorm">‖∂loss_G/∂θ_G‖ for log(1 − D(G(z))).</param>
/// <param name="NonSaturatingNorm">‖∂loss_G/∂θ_G‖ for −log D(G(z)).</param>
public sealed record GradientComparison(double FakeScore, double MinimaxNorm, double NonSaturatingNorm);
