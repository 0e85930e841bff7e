using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace CourseKit.Segmentation;

/// <summary>How a coarse score map is brought back to the image size (the segmentation lecture: "two basic ways").</summary>
public enum Upsampling
{
    /// <summary>A learned transposed convolution (stride = the upsampling factor).</summary>
    TransposedConvolution,
    /// <summary>Bilinear up-sampling followed by an ordinary 3×3 convolution.</summary>
    UpsampleThenConvolve,
}
