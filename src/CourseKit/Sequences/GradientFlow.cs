using static TorchSharp.torch;

namespace CourseKit.Sequences;

/// <summary>
/// Vanishing gradients, measured (Bengio, Simard and Frasconi 1994, "Learning long-term dependencies with gradient descent is difficult"): ∂h_T/∂x_k is a product of T − k Jacobians
/// ∏ W_recᵀ diag(σ'(·)); when their norms are below 1 it shrinks geometrically with the lag T − k.
/// </summary>
public static class GradientFlow
{
    /// <summary>
    /// For each lag ℓ = 0 … T − 1, the mean over the batch of ‖∂(r·h_T)/∂x_{T−ℓ}‖₂, where r is a fixed random unit
    /// direction: how strongly the last hidden state still depends on an input ℓ steps back.
    /// </summary>
    /// <param name="model">The recurrent network.</param>
    /// <param name="sequences">N×T×F inputs.</param>
    /// <param name="seed">Seed of the direction r.</param>
    public static double[] NormByLag(RecurrentClassifier model, Tensor sequences, int seed = 0)
    {
        using var scope = NewDisposeScope();
        var x = sequences.detach().clone().requires_grad_(true);
        var last = model.HiddenStates(x)[^1];
        var direction = randn([model.HiddenSize], generator: new Generator((ulong)seed));
        direction /= direction.norm();
        (last * direction).sum().backward();
        var perStep = x.grad!.square().sum(2).sqrt().mean([0]).data<float>().ToArray();   // ‖∂/∂x_t‖ for t = 1 … T
        return Enumerable.Reverse(perStep).Select(v => (double)v).ToArray();
    }
}
