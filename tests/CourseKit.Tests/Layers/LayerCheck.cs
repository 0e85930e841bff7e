using CourseKit.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Layers;

/// <summary>The two references every from-scratch layer is held to: finite differences and TorchSharp's autograd.</summary>
internal static class LayerCheck
{
    public const double Tolerance = 1e-6;

    public static void Close(Tensor expected, Tensor actual, string what, double tolerance = Tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        double error = GradCheck.RelativeError(expected, actual);
        Assert.True(error <= tolerance, $"{what}: relative error {error:E2} > {tolerance:E0}");
    }

    /// <summary>
    /// ∂(Σ f(x)·dy)/∂x by central differences. h = 1e-5: the layers are linear or smooth, so the truncation error
    /// (∝ h²) stays far below the round-off a smaller step brings (∝ 1e-16·|f|/h).
    /// </summary>
    public static Tensor Numerical(Func<Tensor, Tensor> f, Tensor x, Tensor upstream, double h = 1e-5) =>
        GradCheck.NumericalGradient(f, x, upstream, h);

    /// <summary>TorchSharp's autograd gradients of builtin(inputs) with the given upstream gradient.</summary>
    public static Tensor[] Autograd(Func<Tensor[], Tensor> builtin, Tensor upstream, params Tensor[] inputs)
    {
        var leaves = inputs.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var y = builtin(leaves);
        var grads = torch.autograd.grad([y], leaves, [upstream]);
        return grads.Select(g => g.detach()).ToArray();
    }

    public static Tensor Randn(params long[] shape) => randn(shape, dtype: float64);
}
