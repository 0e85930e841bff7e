using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>
/// The regularisers Ω that stop an overcomplete autoencoder from learning the identity (the autoencoder lecture; sparse: Ng 2011, "Sparse autoencoder"; contractive: Rifai et al. 2011, "Contractive Auto-Encoders"):
/// L = L(x, g(f(x))) + Ω.
/// </summary>
public static class Penalties
{
    /// <summary>L1 sparsity Ω(h) = λ Σᵢ |hᵢ|, averaged over the batch (B×k codes).</summary>
    public static Tensor L1(Tensor h, double lambda) => lambda * h.abs().sum(1).mean();

    /// <summary>
    /// KL sparsity Ω(h) = Σⱼ KL(ρ ‖ ρ̂ⱼ) with ρ̂ⱼ = (1/m) Σᵢ hⱼ(xᵢ), the mean activation of unit j over the batch,
    /// and KL(ρ‖ρ̂) = ρ log(ρ/ρ̂) + (1 − ρ) log((1 − ρ)/(1 − ρ̂)) between Bernoulli distributions.
    /// Codes must lie in (0,1) (a sigmoid code). The lecture writes ρ̂ⱼ with |a|, which is the same for sigmoid units.
    /// </summary>
    public static Tensor KLSparsity(Tensor h, double rho)
    {
        if (rho <= 0 || rho >= 1) throw new ArgumentOutOfRangeException(nameof(rho), rho, "the target activation ρ must lie strictly between 0 and 1");
        var rhoHat = h.mean([0]).clamp(1e-6, 1 - 1e-6);
        return (rho * (rho / rhoHat).log() + (1 - rho) * ((1 - rho) / (1 - rhoHat)).log()).sum();
    }

    /// <summary>
    /// The contractive penalty for a sigmoid layer h = sigmoid(Wx + b), exactly: since ∂hᵢ/∂xⱼ = hᵢ(1 − hᵢ)Wᵢⱼ,
    /// Σᵢ ‖∇ₓhᵢ‖² = ‖J‖²_F = Σᵢ (hᵢ(1 − hᵢ))² Σⱼ Wᵢⱼ². Averaged over the batch (B×k codes).
    /// </summary>
    public static Tensor ContractiveSigmoid(Linear layer, Tensor h)
    {
        var rowNorms = layer.weight!.pow(2).sum(1);                 // Σⱼ Wᵢⱼ², one per code unit
        return ((h * (1 - h)).pow(2) * rowNorms).sum(1).mean();
    }

    /// <summary>
    /// Σᵢ ‖∇ₓhᵢ‖² = ‖∂h/∂x‖²_F by autograd, one backward pass per code unit, averaged over the batch: the
    /// general (slow) form, used to check <see cref="ContractiveSigmoid"/> and for any encoder.
    /// </summary>
    public static Tensor JacobianFrobeniusSquared(Func<Tensor, Tensor> encoder, Tensor x)
    {
        var input = x.detach().requires_grad_(true);
        var h = encoder(input);
        Tensor total = zeros(1, dtype: h.dtype);
        for (long i = 0; i < h.shape[1]; i++)
        {
            // The examples are independent, so the gradient of Σ_b h_{b,i} w.r.t. x_b is ∇ₓhᵢ for each example b.
            var gradient = autograd.grad([h[.., i].sum()], [input], retain_graph: true, create_graph: true)[0];
            total = total + gradient.pow(2).sum();
        }
        return total / x.shape[0];
    }
}
