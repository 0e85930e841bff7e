using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// Which input pixels an output pixel depends on, found by back-propagation: set the gradient of one output to 1
/// (a one-hot output gradient), back-propagate, and see where the input gradient is non-zero.
/// </summary>
public static class ReceptiveField
{
    /// <summary>
    /// An H×W map (float32) of |∂y[row, col]/∂x| for a model mapping N×C×H×W to N×C'×H×W (channel 0 of the output):
    /// non-zero exactly where output (row, col) can see. Evaluated at a random input, with the model in eval mode.
    /// </summary>
    public static Tensor Of(nn.Module<Tensor, Tensor> model, int channels, int height, int width, int row, int col, int seed = 0)
    {
        using var scope = NewDisposeScope();
        bool wasTraining = model.training;
        model.eval();
        var x = rand([1, channels, height, width], generator: new Generator((ulong)seed)).requires_grad_(true);
        var y = model.forward(x);
        var oneHot = zeros_like(y);
        oneHot[0, 0, row, col] = 1;
        y.backward([oneHot]);
        if (wasTraining) model.train();
        return x.grad!.abs().sum(1)[0].MoveToOuterDisposeScope();
    }
}
