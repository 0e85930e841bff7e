using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Detection;

/// <summary>Box operations on tensors N×4 (x1, y1, x2, y2), torchvision-style, plus non-maximum suppression.</summary>
public static class BoxOps
{
    /// <summary>Boxes as an N×4 float32 tensor.</summary>
    public static Tensor ToTensor(IReadOnlyList<Box> boxes)
    {
        var values = new float[boxes.Count * 4];
        for (int i = 0; i < boxes.Count; i++)
        {
            values[4 * i] = boxes[i].X1; values[4 * i + 1] = boxes[i].Y1;
            values[4 * i + 2] = boxes[i].X2; values[4 * i + 3] = boxes[i].Y2;
        }
        return tensor(values, new long[] { boxes.Count, 4 });
    }

    /// <summary>An N×4 tensor back to boxes.</summary>
    public static Box[] FromTensor(Tensor boxes)
    {
        RequireBoxes(boxes, nameof(boxes));
        using var cpu = boxes.to(ScalarType.Float32).contiguous();
        var v = cpu.data<float>().ToArray();
        return Enumerable.Range(0, (int)boxes.shape[0]).Select(i => new Box(v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3])).ToArray();
    }

    /// <summary>
    /// Pairwise intersection over union of N boxes <paramref name="a"/> and M boxes <paramref name="b"/>: an N×M
    /// tensor with IoU(A, B) = |A ∩ B| / (|A| + |B| − |A ∩ B|).
    /// </summary>
    public static Tensor Iou(Tensor a, Tensor b)
    {
        RequireBoxes(a, nameof(a));
        RequireBoxes(b, nameof(b));
        using var scope = NewDisposeScope();
        var areaA = Area(a).unsqueeze(1);
        var areaB = Area(b).unsqueeze(0);
        var topLeft = maximum(a[.., TensorIndex.None, ..2], b[TensorIndex.None, .., ..2]);
        var bottomRight = minimum(a[.., TensorIndex.None, 2..], b[TensorIndex.None, .., 2..]);
        var size = (bottomRight - topLeft).clamp_min(0);
        var intersection = size[.., .., 0] * size[.., .., 1];
        var union = areaA + areaB - intersection;
        return where(union > 0, intersection / union.clamp_min(1e-12), zeros_like(union)).MoveToOuterDisposeScope();
    }

    /// <summary>Areas of N boxes (N).</summary>
    public static Tensor Area(Tensor boxes)
    {
        using var scope = NewDisposeScope();
        var w = (boxes[.., 2] - boxes[.., 0]).clamp_min(0);
        var h = (boxes[.., 3] - boxes[.., 1]).clamp_min(0);
        return (w * h).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Greedy non-maximum suppression: repeatedly keep the highest-scoring box left and drop every remaining box
    /// whose IoU with it exceeds <paramref name="iouThreshold"/>. Returns the indices kept, best first.
    /// </summary>
    public static long[] Nms(Tensor boxes, Tensor scores, double iouThreshold)
    {
        RequireBoxes(boxes, nameof(boxes));
        if (scores.dim() != 1 || scores.shape[0] != boxes.shape[0])
            throw new ArgumentException($"scores must be a vector of {boxes.shape[0]} values, got shape {ShapeText.Of(scores)}");
        int n = (int)boxes.shape[0];
        if (n == 0) return Array.Empty<long>();
        using var iou = Iou(boxes, boxes);
        using var iouCpu = iou.to(ScalarType.Float64).contiguous();
        var overlap = iouCpu.data<double>().ToArray();
        using var scoresCpu = scores.to(ScalarType.Float64).contiguous();
        var s = scoresCpu.data<double>().ToArray();
        var order = Enumerable.Range(0, n).OrderByDescending(i => s[i]).ThenBy(i => i).ToArray();
        var suppressed = new bool[n];
        var keep = new List<long>();
        foreach (int i in order)
        {
            if (suppressed[i]) continue;
            keep.Add(i);
            foreach (int j in order)
                if (!suppressed[j] && j != i && overlap[i * n + j] > iouThreshold) suppressed[j] = true;
        }
        return keep.ToArray();
    }

    /// <summary>NMS over detections, separately per class; returns the survivors, best first.</summary>
    public static IReadOnlyList<ScoredBox> Nms(IReadOnlyList<ScoredBox> detections, double iouThreshold)
    {
        var kept = new List<ScoredBox>();
        foreach (var group in detections.GroupBy(d => d.Label))
        {
            var list = group.ToList();
            using var boxes = ToTensor(list.Select(d => d.Box).ToList());
            using var scores = tensor(list.Select(d => d.Score).ToArray());
            kept.AddRange(Nms(boxes, scores, iouThreshold).Select(i => list[(int)i]));
        }
        return kept.OrderByDescending(d => d.Score).ToList();
    }

    private static void RequireBoxes(Tensor boxes, string name)
    {
        if (boxes.dim() != 2 || boxes.shape[1] != 4)
            throw new ArgumentException($"{name} must be N×4 (x1, y1, x2, y2), got shape {ShapeText.Of(boxes)}");
    }
}
