using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace CourseKit.Autoencoders;

/// <summary>
/// What an autoencoder minimises: a reconstruction loss L(x, g(f(x̃))) between the target and the
/// reconstruction of the (possibly corrupted) input, plus the penalties of the autoencoder lecture (denoising: Vincent et al. 2008, "Extracting and Composing Robust Features with Denoising Autoencoders").
/// The default is the plain autoencoder with MSE.
/// </summary>
/// <param name="Corrupt">x ↦ x̃, applied to each input batch (denoising, inpainting); null for none.</param>
/// <param name="L1">λ of the L1 activity penalty λ Σ|hᵢ| (0 = off).</param>
/// <param name="SparsityTarget">ρ of the KL sparsity penalty.</param>
/// <param name="SparsityWeight">Weight β of β Σⱼ KL(ρ‖ρ̂ⱼ) (0 = off).</param>
/// <param name="Contractive">λ of the contractive penalty λ‖∂h/∂x‖²_F (0 = off; needs a sigmoid-layer autoencoder).</param>
/// <param name="BinaryCrossEntropy">Use per-pixel binary cross-entropy instead of squared error.</param>
public sealed record ReconstructionObjective(
    Func<Tensor, Tensor>? Corrupt = null, double L1 = 0, double SparsityTarget = 0.05, double SparsityWeight = 0,
    double Contractive = 0, bool BinaryCrossEntropy = false)
{
    /// <summary>
    /// The loss of one batch: reconstruction (summed over pixels, averaged over examples) plus penalties.
    /// <paramref name="target"/> is usually <paramref name="input"/> itself; for colourisation it is the colour image.
    /// </summary>
    public Tensor Loss(Autoencoder model, Tensor input, Tensor target)
    {
        var corrupted = Corrupt is null ? input : Corrupt(input);
        var h = model.Encode(corrupted);
        var reconstruction = model.Decode(h);
        var loss = ReconstructionError(reconstruction, target).mean();
        if (L1 > 0) loss = loss + Penalties.L1(h, L1);
        if (SparsityWeight > 0) loss = loss + SparsityWeight * Penalties.KLSparsity(h, SparsityTarget);
        if (Contractive > 0)
        {
            var layer = model.SigmoidCodeLayer ?? throw new InvalidOperationException(
                "the exact contractive penalty needs a one-sigmoid-layer encoder: build the model with Autoencoder.SigmoidLayer");
            loss = loss + Contractive * Penalties.ContractiveSigmoid(layer, h);
        }
        return loss;
    }

    /// <summary>
    /// This objective for <paramref name="model"/> as the (inputs, targets) ↦ loss function an
    /// <see cref="Training.ObjectiveStep"/> minimises: <c>new ObjectiveStep(model, optimizer, objective.For(model))</c>.
    /// </summary>
    public Func<Tensor, Tensor, Tensor> For(Autoencoder model) => (input, target) => Loss(model, input, target);

    /// <summary>Per-example reconstruction error: Σ over pixels of (r − x)² or of the binary cross-entropy.</summary>
    public Tensor ReconstructionError(Tensor reconstruction, Tensor target)
    {
        var perPixel = BinaryCrossEntropy
            ? binary_cross_entropy(reconstruction.clamp(1e-6, 1 - 1e-6), target, reduction: nn.Reduction.None)
            : (reconstruction - target).pow(2);
        return perPixel.reshape(perPixel.shape[0], -1).sum(1);
    }
}
