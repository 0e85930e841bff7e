using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Autoregressive;

/// <summary>The two masks of PixelCNN (van den Oord et al. 2016).</summary>
public enum MaskType
{
    /// <summary>Type A (first layer): a pixel may not see itself, only the pixels above it and to its left.</summary>
    A,

    /// <summary>Type B (later layers): the centre is allowed, because there it holds features of earlier pixels only.</summary>
    B,
}
