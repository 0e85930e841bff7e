using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Segmentation;

/// <summary>Receptive field after a layer.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Size">Receptive field r (input pixels seen by one unit, per side).</param>
/// <param name="Jump">Distance in input pixels between neighbouring units (product of the strides so far).</param>
public sealed record ReceptiveFieldStep(LayerGeometry Layer, int Size, int Jump);
