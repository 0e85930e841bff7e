using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Detection;

/// <summary>
/// Region proposals, "selective search lite" (Uijlings et al. 2013, "Selective Search for Object Recognition": segment the image, then group regions hierarchically
/// and keep the regions of every scale): threshold the image, find 8-connected components, then repeatedly
/// merge the two closest regions and add every merged region's box as another proposal.
/// </summary>
public static class RegionProposals
{
    /// <summary>
    /// Proposals for a grey image (1×H×W or H×W): boxes of bright connected components (pixels &gt;
    /// <paramref name="threshold"/>, at least <paramref name="minPixels"/> of them), then of hierarchical merges
    /// of regions at most <paramref name="maxGap"/> pixels apart, each grown by <paramref name="margin"/>.
    /// </summary>
    public static IReadOnlyList<Box> Propose(Tensor image, double threshold = 0.3, int minPixels = 3, int maxGap = 6, float margin = 0)
    {
        using var grey = image.dim() == 3 ? image[0] : image.alias();
        if (grey.dim() != 2) throw new ArgumentException($"Propose expects a grey image 1×H×W or H×W, got shape {ShapeText.Of(image)}");
        int height = (int)grey.shape[0], width = (int)grey.shape[1];
        using var cpu = grey.to(ScalarType.Float32).contiguous();
        var pixels = cpu.data<float>().ToArray();
        var regions = ConnectedComponents(pixels, width, height, threshold, minPixels);
        var proposals = new List<Box>(regions);
        // Hierarchical grouping: merge the closest pair until no two regions are within maxGap.
        var active = new List<Box>(regions);
        while (active.Count > 1)
        {
            (int a, int b, double gap) best = (-1, -1, double.MaxValue);
            for (int i = 0; i < active.Count; i++)
                for (int j = i + 1; j < active.Count; j++)
                {
                    double gap = Gap(active[i], active[j]);
                    if (gap < best.gap) best = (i, j, gap);
                }
            if (best.gap > maxGap) break;
            var merged = active[best.a].Union(active[best.b]);
            active.RemoveAt(best.b);
            active.RemoveAt(best.a);
            active.Add(merged);
            proposals.Add(merged);
        }
        return proposals.Select(p => p.Expand(margin).Clip(width, height)).Distinct().ToList();
    }

    /// <summary>Bounding boxes of the 8-connected components of pixels above the threshold.</summary>
    public static IReadOnlyList<Box> ConnectedComponents(float[] pixels, int width, int height, double threshold, int minPixels = 1)
    {
        var seen = new bool[pixels.Length];
        var boxes = new List<Box>();
        var stack = new Stack<int>();
        for (int start = 0; start < pixels.Length; start++)
        {
            if (seen[start] || pixels[start] <= threshold) continue;
            int top = height, left = width, bottom = -1, right = -1, count = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop(), y = p / width, x = p % width;
                count++;
                top = Math.Min(top, y); bottom = Math.Max(bottom, y); left = Math.Min(left, x); right = Math.Max(right, x);
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int ny = y + dy, nx = x + dx;
                        if (ny < 0 || ny >= height || nx < 0 || nx >= width) continue;
                        int q = ny * width + nx;
                        if (seen[q] || pixels[q] <= threshold) continue;
                        seen[q] = true;
                        stack.Push(q);
                    }
            }
            if (count >= minPixels) boxes.Add(new Box(left, top, right + 1, bottom + 1));
        }
        return boxes;
    }

    /// <summary>The empty space between two boxes (0 if they touch or overlap).</summary>
    private static double Gap(Box a, Box b)
    {
        double dx = Math.Max(0, Math.Max(a.X1 - b.X2, b.X1 - a.X2));
        double dy = Math.Max(0, Math.Max(a.Y1 - b.Y2, b.Y1 - a.Y2));
        return Math.Max(dx, dy);
    }
}
