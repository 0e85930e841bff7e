using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>How large a module's gradients are, read after <c>backward()</c>.</summary>
public static class GradientNorm
{
    /// <summary>
    /// The joint L2 norm of <paramref name="module"/>'s parameter gradients, ‖g‖₂ = √(Σ_p Σ_i g_{p,i}²), over the
    /// parameters that have one (the quantity <c>nn.utils.clip_grad_norm_</c> clips, here only read).
    /// </summary>
    /// <example>
    /// <code>
    /// var layer = torch.nn.Linear(3, 1);
    /// layer.forward(torch.ones(2, 3)).sum().backward();
    /// double norm = GradientNorm.Of(layer);   // √(2²·3 + 2²) = 4
    /// </code>
    /// </example>
    public static double Of(nn.Module module)
    {
        using var scope = NewDisposeScope();
        double sum = 0;
        foreach (var parameter in module.parameters())
            if (parameter.grad is { } gradient) sum += gradient.square().sum().item<float>();
        return Math.Sqrt(sum);
    }
}
