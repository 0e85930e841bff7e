using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Segmentation;

/// <summary>
/// Receptive fields (the segmentation lecture: "the receptive field grows progressively as we go backwards through the network"):
/// r_out = r_in + (k − 1)·d·j_in and j_out = j_in·s, starting from r = 1, j = 1 at the input, where j_in is the
/// product of the strides of the layers before.
/// </summary>
public static class ReceptiveField
{
    /// <summary>The receptive field after each layer of the stack.</summary>
    public static IReadOnlyList<ReceptiveFieldStep> Of(IEnumerable<LayerGeometry> layers)
    {
        int size = 1, jump = 1;
        var steps = new List<ReceptiveFieldStep>();
        foreach (var layer in layers)
        {
            if (layer.Kernel < 1 || layer.Stride < 1 || layer.Dilation < 1)
                throw new ArgumentException($"layer {layer.Name}: kernel, stride and dilation must be ≥ 1");
            size += (layer.Kernel - 1) * layer.Dilation * jump;
            jump *= layer.Stride;
            steps.Add(new ReceptiveFieldStep(layer, size, jump));
        }
        return steps;
    }

    /// <summary>
    /// The sliding-window layers of a module (Conv2d, MaxPool2d, AvgPool2d, in registration order, depth first) —
    /// right for plain stacks like <c>Sequential</c>; branches (skips) are not modelled.
    /// </summary>
    public static IReadOnlyList<LayerGeometry> LayersOf(nn.Module module)
    {
        var layers = new List<LayerGeometry>();
        foreach (var (name, child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    layers.Add(new LayerGeometry(name, (int)conv.kernel_size[0], (int)conv.stride[0], (int)conv.dilation[0]));
                    break;
                case MaxPool2d pool:
                    layers.Add(new LayerGeometry(name, (int)pool.kernel_size[0], (int)(pool.stride?[0] ?? pool.kernel_size[0]), (int)(pool.dilation?[0] ?? 1)));
                    break;
                case AvgPool2d avg:
                    layers.Add(new LayerGeometry(name, (int)avg.kernel_size[0], (int)(avg.stride?[0] ?? avg.kernel_size[0])));
                    break;
            }
        }
        return layers;
    }

    /// <summary>
    /// The empirical receptive field: the width of the set of input pixels whose gradient of the centre output
    /// unit (channel 0) is non-zero for at least one of <paramref name="trials"/> random positive 1-channel
    /// size×size inputs (several, because max pooling passes the gradient to one position per window only).
    /// Use positive weights (see <see cref="FillPositive"/>) so that no contributions cancel and ReLUs stay open.
    /// </summary>
    public static int Empirical(nn.Module<Tensor, Tensor> network, int size, int trials = 16, int seed = 0)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var touched = zeros(new long[] { size, size }, dtype: ScalarType.Bool);
        for (int trial = 0; trial < trials; trial++)
        {
            var input = (rand(new long[] { 1, 1, size, size }, generator: generator) + 0.1).requires_grad_(true);
            var output = network.forward(input);
            long cy = output.shape[2] / 2, cx = output.shape[3] / 2;
            output[0, 0, cy, cx].backward();
            touched = touched.logical_or(input.grad!.abs()[0, 0] > 0);
        }
        var columns = touched.any(0).nonzero();
        if (columns.shape[0] == 0) return 0;
        return (int)(columns.max().item<long>() - columns.min().item<long>() + 1);
    }

    /// <summary>Sets every weight to 1/fan-in and every bias to 0, so every path adds a positive contribution.</summary>
    public static void FillPositive(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (name.EndsWith("bias")) parameter.zero_();
            else parameter.fill_(1.0 / Math.Max(1, parameter[0].numel()));
        }
    }
}
