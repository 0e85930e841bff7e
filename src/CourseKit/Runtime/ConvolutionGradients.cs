namespace CourseKit.Runtime;

/// <summary>Which gradients a convolution's backward pass computes: libtorch skips the ones nothing needs.</summary>
public enum ConvolutionGradients
{
    /// <summary>Input and weights both require gradients (a hidden layer being trained).</summary>
    Both,

    /// <summary>Only the input requires a gradient (frozen weights: saliency maps, adversarial examples, feature inversion).</summary>
    InputOnly,

    /// <summary>Only the weights require gradients (a network's first layer, whose input is data).</summary>
    WeightOnly,
}
