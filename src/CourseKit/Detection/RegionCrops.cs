using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Detection;

/// <summary>R-CNN's alternative to RoI pooling: cut each region out of the image and warp it to a fixed size.</summary>
public static class RegionCrops
{
    /// <summary>
    /// Crops every box from <paramref name="image"/> (C×H×W) and resizes it to size×size with bilinear sampling
    /// (R-CNN "warps regions to a fixed size"): N×C×size×size. Parts of a box outside the image are 0.
    /// </summary>
    public static Tensor Warp(Tensor image, IReadOnlyList<Box> boxes, int size)
    {
        if (image.dim() != 3) throw new ArgumentException($"image must be C×H×W, got shape {ShapeText.Of(image)}");
        long channels = image.shape[0];
        if (boxes.Count == 0) return zeros(0, channels, size, size);
        using var scope = NewDisposeScope();
        double h = image.shape[1], w = image.shape[2];
        // Output normalised coordinate u ∈ [−1, 1] maps to input x = cx + u·(box width)/2, i.e. in grid_sample's
        // normalised input coordinates: x_n = (2·cx/W − 1) + u·(box width / W).
        var theta = new float[boxes.Count * 6];
        for (int i = 0; i < boxes.Count; i++)
        {
            var b = boxes[i];
            theta[6 * i + 0] = (float)(b.Width / w);
            theta[6 * i + 2] = (float)(2 * b.CenterX / w - 1);
            theta[6 * i + 4] = (float)(b.Height / h);
            theta[6 * i + 5] = (float)(2 * b.CenterY / h - 1);
        }
        var thetas = tensor(theta, new long[] { boxes.Count, 2, 3 }).to(image.dtype);
        var grid = F.affine_grid(thetas, new long[] { boxes.Count, channels, size, size }, align_corners: false);
        var batch = image.unsqueeze(0).expand(boxes.Count, -1, -1, -1);
        return F.grid_sample(batch, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false).MoveToOuterDisposeScope();
    }
}
