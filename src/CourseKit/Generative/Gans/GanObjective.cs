using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Gans;

/// <summary>Which objective the discriminator (critic) and the generator play.</summary>
public enum GanObjective
{
    /// <summary>
    /// Goodfellow's minimax game: D maximises log D(x) + log(1 − D(G(z))), G minimises log(1 − D(G(z))).
    /// The generator loss saturates: its gradient vanishes when D(G(z)) ≈ 0, i.e. early in training.
    /// </summary>
    Minimax,

    /// <summary>The same discriminator, but G maximises log D(G(z)) (minimises −log D(G(z))): the GAN lecture's "standard in practice".</summary>
    NonSaturating,

    /// <summary>LSGAN (Mao et al. 2017): D minimises ½(D(x) − 1)² + ½D(G(z))², G minimises ½(D(G(z)) − 1)².</summary>
    LeastSquares,

    /// <summary>WGAN (Arjovsky et al. 2017) with the gradient penalty of Gulrajani et al. 2017: the critic minimises
    /// D(G(z)) − D(x) + λ(‖∇D(x̂)‖ − 1)², G minimises −D(G(z)).</summary>
    Wasserstein,
}
