using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Gans;

/// <summary>
/// The discriminator and generator losses of <see cref="GanObjective"/>, written as in the papers. Every function takes
/// the discriminator's raw scores (logits: D = σ(score) for <see cref="GanObjective.Minimax"/> and
/// <see cref="GanObjective.NonSaturating"/>, the score itself for the other two) and returns a mean over the batch,
/// computed with softplus so that log σ never overflows: log σ(a) = −softplus(−a), log(1 − σ(a)) = −softplus(a).
/// </summary>
public static class GanLosses
{
    /// <summary>The loss the discriminator minimises (without the gradient penalty; see <see cref="GradientPenalty"/>).</summary>
    /// <param name="objective">The game.</param>
    /// <param name="realScores">Scores of real examples.</param>
    /// <param name="fakeScores">Scores of generated examples.</param>
    public static Tensor DiscriminatorLoss(GanObjective objective, Tensor realScores, Tensor fakeScores) => objective switch
    {
        // −[log D(x) + log(1 − D(G(z)))] = softplus(−a_real) + softplus(a_fake)
        GanObjective.Minimax or GanObjective.NonSaturating =>
            nn.functional.softplus(-realScores).mean() + nn.functional.softplus(fakeScores).mean(),
        // ½(D(x) − 1)² + ½D(G(z))²
        GanObjective.LeastSquares => 0.5 * (realScores - 1).square().mean() + 0.5 * fakeScores.square().mean(),
        // E[D(G(z))] − E[D(x)]: the critic estimates the Wasserstein-1 distance as E[D(x)] − E[D(G(z))]
        GanObjective.Wasserstein => fakeScores.mean() - realScores.mean(),
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "unknown GAN objective"),
    };

    /// <summary>The loss the generator minimises, from the discriminator's scores of generated examples.</summary>
    public static Tensor GeneratorLoss(GanObjective objective, Tensor fakeScores) => objective switch
    {
        // minimise log(1 − D(G(z))) = −softplus(a_fake): saturates when D(G(z)) → 0
        GanObjective.Minimax => -nn.functional.softplus(fakeScores).mean(),
        // minimise −log D(G(z)) = softplus(−a_fake)
        GanObjective.NonSaturating => nn.functional.softplus(-fakeScores).mean(),
        // ½(D(G(z)) − 1)²
        GanObjective.LeastSquares => 0.5 * (fakeScores - 1).square().mean(),
        // −E[D(G(z))]
        GanObjective.Wasserstein => -fakeScores.mean(),
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "unknown GAN objective"),
    };

    /// <summary>
    /// WGAN-GP's penalty E[(‖∇_x̂ D(x̂)‖₂ − 1)²] at x̂ = εx + (1 − ε)G(z), ε ~ U[0, 1] per example (Gulrajani et al. 2017,
    /// Algorithm 1). The result keeps its graph, so its gradient reaches the critic's parameters.
    /// </summary>
    /// <param name="critic">Scores a batch (the same shape as <paramref name="real"/>).</param>
    /// <param name="real">Real examples, N×….</param>
    /// <param name="fake">Generated examples, the same shape, detached from the generator.</param>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> critic, Tensor real, Tensor fake)
    {
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"real {ShapeText.Of(real)} and fake {ShapeText.Of(fake)} batches must have the same shape");
        var epsilonShape = new long[real.dim()];
        Array.Fill(epsilonShape, 1L);
        epsilonShape[0] = real.shape[0];
        var epsilon = rand(epsilonShape, dtype: real.dtype, device: real.device);
        var mixed = (epsilon * real + (1 - epsilon) * fake.detach()).requires_grad_(true);
        var scores = critic(mixed);
        var gradient = autograd.grad([scores.sum()], [mixed], retain_graph: true, create_graph: true)[0];
        var norms = (gradient.reshape(gradient.shape[0], -1).square().sum(1) + 1e-12).sqrt();   // ‖∇D(x̂)‖₂ per example
        return (norms - 1).square().mean();
    }

}
