using CourseKit.Models;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Visualization;

/// <summary>
/// Zeiler and Fergus's deconvnet (2014, "Visualizing and Understanding Convolutional Networks"): run the image forward recording the max-pooling switches, keep one
/// neuron's activation and zero the rest, then go back down: unpool with the switches, rectify (ReLU), and apply
/// the transposed convolution (the forward kernel flipped horizontally and vertically), layer by layer.
/// Batch normalisation (which the 2013 deconvnet did not have) is applied on the way up and left out on the way down.
/// </summary>
public static class Deconvnet
{
    /// <summary>
    /// The reconstruction in input space (N×C×H×W) of the strongest activation of channel <paramref name="channel"/>
    /// in stage <paramref name="stage"/> (0-based convolution, after its ReLU and before its pooling) of each image.
    /// </summary>
    public static Tensor Reconstruct(GapClassifier network, Tensor images, int stage, int channel)
    {
        var layers = network.FeatureLayers.children().Cast<Module<Tensor, Tensor>>().ToList();
        var convs = layers.OfType<Conv2d>().ToList();
        if (stage < 0 || stage >= convs.Count) throw new ArgumentOutOfRangeException(nameof(stage), $"stage must be in 0..{convs.Count - 1}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var mode = EvaluationMode.Of(network);
        var (x, switches) = Up(layers, images, convs[stage]);
        var y = KeepStrongest(x, channel);
        for (int i = stage; i >= 0; i--)
        {
            y = F.conv_transpose2d(F.relu(y), convs[i].weight!, padding: convs[i].padding);
            if (i > 0)
            {
                var (indices, size) = switches[i - 1];
                y = F.max_unpool2d(y, indices, new long[] { 2, 2 }, output_size: size);
            }
        }
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>Runs the layers up to the ReLU after <paramref name="last"/>, recording each max pooling's switches and input size.</summary>
    private static (Tensor Output, List<(Tensor Indices, long[] Size)> Switches) Up(List<Module<Tensor, Tensor>> layers, Tensor images, Conv2d last)
    {
        var switches = new List<(Tensor Indices, long[] Size)>();
        var x = images;
        bool reachedLast = false;
        foreach (var layer in layers)
        {
            if (reachedLast && layer is not (TorchSharp.Modules.BatchNorm2d or TorchSharp.Modules.ReLU)) break;
            if (layer is TorchSharp.Modules.MaxPool2d)
            {
                var size = x.shape;
                var (pooled, indices) = F.max_pool2d_with_indices(x, new long[] { 2, 2 });
                switches.Add((indices, size));
                x = pooled;
            }
            else x = layer.forward(x);
            reachedLast |= ReferenceEquals(layer, last);
        }
        return (x, switches);
    }

    /// <summary>Zeros every activation but the strongest one of <paramref name="channel"/> in each image.</summary>
    private static Tensor KeepStrongest(Tensor x, int channel)
    {
        var flat = x[.., channel].flatten(1);
        var best = flat.argmax(1, keepdim: true);
        var kept = zeros_like(flat).scatter(1, best, flat.gather(1, best)).reshape(x[.., channel].shape);
        var y = zeros_like(x);
        y[.., channel] = kept;
        return y;
    }
}
