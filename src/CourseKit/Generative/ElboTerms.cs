using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace CourseKit.Generative;

/// <summary>The pieces of the ELBO for a batch (see <see cref="VariationalAutoencoder.Elbo"/>).</summary>
/// <param name="Reconstruction">log p(x|z) per example, z one sample from q (an unbiased estimate of E_q[log p(x|z)]).</param>
/// <param name="KLPerDimension">KL(q(zⱼ|x) ‖ N(0,1)) per example and latent dimension (B×d), closed form.</param>
/// <param name="Mu">μ(x), B×d.</param>
/// <param name="LogVariance">log σ²(x), B×d.</param>
public sealed record ElboTerms(Tensor Reconstruction, Tensor KLPerDimension, Tensor Mu, Tensor LogVariance)
{
    /// <summary>KL(q(z|x) ‖ p(z)) per example = −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²).</summary>
    public Tensor KL => KLPerDimension.sum(1);

    /// <summary>The ELBO per example: E_q[log p(x|z)] − KL.</summary>
    public Tensor Value => Reconstruction - KL;
}
