using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>How a GAN is trained: the game, the latent size, k, and the Adam settings.</summary>
/// <param name="Objective">The losses both players minimise.</param>
/// <param name="LatentSize">Dimension of z ~ N(0, I).</param>
/// <param name="DiscriminatorSteps">k: discriminator updates per generator update (Goodfellow et al., Algorithm 1).</param>
/// <param name="GeneratorLearningRate">Adam step size of the generator.</param>
/// <param name="DiscriminatorLearningRate">Adam step size of the discriminator.</param>
/// <param name="Beta1">Adam β₁ (0.5 as in DCGAN; 0 is common for WGAN-GP).</param>
/// <param name="Beta2">Adam β₂.</param>
/// <param name="GradientPenaltyWeight">λ of WGAN-GP; used only with <see cref="GanObjective.Wasserstein"/>.</param>
/// <param name="Pack">PacGAN's packing m: the discriminator judges m samples at once (its input is m times wider). 1 = no packing.</param>
public sealed record GanSettings(
    GanObjective Objective = GanObjective.NonSaturating,
    int LatentSize = 64,
    int DiscriminatorSteps = 1,
    double GeneratorLearningRate = 2e-4,
    double DiscriminatorLearningRate = 2e-4,
    double Beta1 = 0.5,
    double Beta2 = 0.999,
    double GradientPenaltyWeight = 10,
    int Pack = 1);
