using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Training;

public class GradientNormTests
{
    [Fact]
    public void Norm_is_the_joint_l2_norm_of_every_parameter_gradient()
    {
        // d(sum of outputs)/dW = the column sums of x = (2, 2, 2), d/db = 2: √(3·2² + 2²) = 4.
        using var layer = nn.Linear(3, 1);
        layer.forward(ones(2, 3)).sum().backward();
        Assert.Equal(4.0, GradientNorm.Of(layer), 6);
    }

    [Fact]
    public void Norm_agrees_with_what_clip_grad_norm_measures_and_ignores_parameters_without_gradients()
    {
        manual_seed(4);
        using var model = nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 3));
        using var frozen = nn.Linear(2, 2);   // never used: its parameters have no gradient
        model.forward(randn(9, 5)).square().mean().backward();

        double ours = GradientNorm.Of(model);
        double torchSharps = nn.utils.clip_grad_norm_(model.parameters(), 1e9);   // measures, clips nothing

        Assert.True(ours > 0.01);
        Assert.Equal(torchSharps, ours, 5);
        Assert.Equal(0.0, GradientNorm.Of(frozen));
    }
}
