using CourseKit.Models;
using CourseKit.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Visualization;

/// <summary>
/// Class activation maps (Zhou et al. 2016, "Learning Deep Features for Discriminative Localization"): CAM_c(x, y) = Σ_k w_k^c f_k(x, y), the class-c weights
/// of the layer after global average pooling applied at every position of the last feature maps, then
/// up-sampled to the input size. Averaging CAM_c over positions and adding b_c gives back the score a_c.
/// </summary>
public static class ClassActivationMap
{
    /// <summary>CAM of class <paramref name="classIndex"/> at feature resolution, computed in evaluation mode: N×h×w.</summary>
    public static Tensor Compute(GapClassifier network, Tensor images, int classIndex)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var mode = EvaluationMode.Of(network);
        var features = network.Features(images);                          // N×K×h×w
        var weights = network.ClassifierWeights[classIndex];               // K
        return (features * weights.reshape(1, -1, 1, 1)).sum(1).MoveToOuterDisposeScope();
    }

    /// <summary>CAM up-sampled bilinearly to the input size and rescaled to [0, 1] per image: N×H×W.</summary>
    public static Tensor Upsampled(GapClassifier network, Tensor images, int classIndex)
    {
        using var scope = NewDisposeScope();
        var cam = Compute(network, images, classIndex).unsqueeze(1);
        var up = F.interpolate(cam, new long[] { images.shape[2], images.shape[3] }, mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);
        var min = up.amin(new long[] { 1, 2 }, keepdim: true);
        var max = up.amax(new long[] { 1, 2 }, keepdim: true);
        return ((up - min) / (max - min).clamp_min(1e-8)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The map laid over the grey input as an RGB picture N×3×H×W: grey image × (1 − α) plus a red–yellow heat
    /// colour × α.
    /// </summary>
    public static Tensor Overlay(Tensor images, Tensor maps, double alpha = 0.5)
    {
        using var scope = NewDisposeScope();
        var grey = images.shape[1] == 1 ? images.expand(-1, 3, -1, -1) : images;
        var m = maps.unsqueeze(1);
        var heat = cat(new[] { m.clamp(0, 1) * 0 + 1, m, zeros_like(m) }, 1) * m; // black → red → yellow
        return ((1 - alpha) * grey + alpha * heat).clamp(0, 1).MoveToOuterDisposeScope();
    }
}
