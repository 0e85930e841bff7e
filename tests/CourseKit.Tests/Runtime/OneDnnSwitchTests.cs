using CourseKit.Runtime;
using static TorchSharp.torch;

namespace CourseKit.Tests.Runtime;

[Collection(nameof(GlobalTorchState))]   // switches a process-wide libtorch flag
public class OneDnnSwitchTests
{
    [Fact]
    public void Initialize_leaves_onednn_on_and_its_convolution_gradients_match_atens()
    {
        TorchRuntime.Initialize();
        if (!OperatingSystem.IsLinux()) { Assert.Null(OneDnnSwitch.Enabled); return; }
        Assert.False(OneDnnSwitch.OffRequested, "the test run sets COURSEKIT_ONEDNN=0; unset it");
        Assert.Equal(true, OneDnnSwitch.Enabled);

        // The shape of a PixelCNN's 7×7 first layer on a batch of 6×6 images, the case once blamed for NaN gradients.
        var generator = new Generator(7);
        using var x = randn([16, 8, 6, 6], generator: generator);
        using var w = randn([8, 8, 7, 7], generator: generator) * 0.1;
        using var g = randn([16, 8, 6, 6], generator: generator);
        using var withOneDnn = InputGradient(x, w, g);
        try
        {
            Assert.True(OneDnnSwitch.TrySet(false));
            Assert.Equal(false, OneDnnSwitch.Enabled);
            using var withAten = InputGradient(x, w, g);
            Assert.True(withOneDnn.isfinite().all().item<bool>());
            Assert.True(withOneDnn.allclose(withAten, rtol: 1e-4, atol: 1e-4),
                $"max |oneDNN − ATen| = {(withOneDnn - withAten).abs().max().item<float>()}");
        }
        finally
        {
            OneDnnSwitch.TrySet(true);
        }
        Assert.Equal(true, OneDnnSwitch.Enabled);
    }

    [Fact]
    public void The_convolution_input_gradient_is_the_transposed_convolution()
    {
        // <conv(x), g> = <x, conv_transpose(g)>, in float64 (which oneDNN leaves to ATen).
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var x = randn([2, 3, 6, 6], dtype: float64, generator: generator).requires_grad_(true);
        var w = randn([4, 3, 3, 3], dtype: float64, generator: generator);
        var g = randn([2, 4, 6, 6], dtype: float64, generator: generator);
        (nn.functional.conv2d(x, w, padding: [1, 1]) * g).sum().backward();
        var expected = nn.functional.conv_transpose2d(g, w, padding: [1, 1]);
        Assert.True(x.grad!.allclose(expected, rtol: 1e-10, atol: 1e-10));
    }

    private static Tensor InputGradient(Tensor x, Tensor w, Tensor g)
    {
        using var input = x.detach().requires_grad_(true);
        using var output = nn.functional.conv2d(input, w, padding: [3, 3]);
        output.backward([g]);
        return input.grad!.detach().clone();
    }
}
