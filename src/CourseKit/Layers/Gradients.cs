using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>
/// What a layer's backward returns: ∂L/∂input and, for layers with parameters, ∂L/∂weight and ∂L/∂bias
/// (for batch norm: ∂L/∂γ and ∂L/∂β). Each is shaped like the tensor it is the gradient of.
/// </summary>
/// <param name="Input">∂L/∂x, the gradient passed on to the layer below.</param>
/// <param name="Weight">∂L/∂W, or null for a layer without weights.</param>
/// <param name="Bias">∂L/∂b, or null for a layer without a bias.</param>
public sealed record Gradients(Tensor Input, Tensor? Weight = null, Tensor? Bias = null);
