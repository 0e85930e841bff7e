using CourseKit.Detection;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Vision;

[Collection(nameof(GlobalTorchState))]
public class DetectionTests
{
    private static Box[] RandomBoxes(Random random, int n) => Enumerable.Range(0, n).Select(_ =>
    {
        float x = random.Next(0, 20), y = random.Next(0, 20);
        return new Box(x, y, x + random.Next(0, 12), y + random.Next(1, 12));
    }).ToArray();

    /// <summary>IoU by counting unit cells: an independent reference for integer boxes.</summary>
    private static double CountingIou(Box a, Box b)
    {
        int inter = 0, union = 0;
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 40; x++)
            {
                bool inA = x >= a.X1 && x < a.X2 && y >= a.Y1 && y < a.Y2, inB = x >= b.X1 && x < b.X2 && y >= b.Y1 && y < b.Y2;
                if (inA && inB) inter++;
                if (inA || inB) union++;
            }
        return union == 0 ? 0 : inter / (double)union;
    }

    [Fact]
    public void Iou_matrix_matches_counting_pixels()
    {
        var random = new Random(3);
        var a = RandomBoxes(random, 12);
        var b = RandomBoxes(random, 9);
        using var ta = BoxOps.ToTensor(a);
        using var tb = BoxOps.ToTensor(b);
        using var iou = BoxOps.Iou(ta, tb);
        Assert.Equal(new long[] { 12, 9 }, iou.shape);
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++)
            {
                Assert.Equal(CountingIou(a[i], b[j]), iou[i, j].item<float>(), 5);
                Assert.Equal(CountingIou(a[i], b[j]), a[i].Iou(b[j]), 9);
            }
        Assert.Equal(1.0 / 7.0, new Box(0, 0, 2, 2).Iou(new Box(1, 1, 3, 3)), 9); // overlap 1, union 7
    }

    /// <summary>NMS by its definition: a box survives iff no higher-scoring survivor overlaps it more than the threshold.</summary>
    private static List<long> ReferenceNms(Box[] boxes, float[] scores, double threshold)
    {
        var order = Enumerable.Range(0, boxes.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        var kept = new List<long>();
        foreach (int i in order)
            if (kept.All(k => boxes[k].Iou(boxes[i]) <= threshold)) kept.Add(i);
        return kept;
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.7)]
    public void Nms_matches_the_definition(double threshold)
    {
        var random = new Random(11);
        for (int trial = 0; trial < 20; trial++)
        {
            var boxes = RandomBoxes(random, 25);
            var scores = Enumerable.Range(0, 25).Select(_ => (float)random.NextDouble()).ToArray();
            using var tb = BoxOps.ToTensor(boxes);
            using var ts = tensor(scores);
            Assert.Equal(ReferenceNms(boxes, scores, threshold), BoxOps.Nms(tb, ts, threshold));
        }
    }

    [Fact]
    public void Nms_keeps_the_best_of_two_overlapping_boxes_and_a_separate_one()
    {
        var boxes = new[] { new Box(0, 0, 10, 10), new Box(1, 1, 11, 11), new Box(20, 20, 30, 30) };
        using var tb = BoxOps.ToTensor(boxes);
        using var ts = tensor(new float[] { 0.8f, 0.9f, 0.1f });
        Assert.Equal(new long[] { 1, 2 }, BoxOps.Nms(tb, ts, 0.5));
    }

    /// <summary>RoI pooling written independently as plain loops over the definition.</summary>
    private static float[,,,] ReferenceRoiPool(float[,,] f, Box[] boxes, int oh, int ow, double scale)
    {
        int c = f.GetLength(0), h = f.GetLength(1), w = f.GetLength(2);
        var result = new float[boxes.Length, c, oh, ow];
        for (int n = 0; n < boxes.Length; n++)
        {
            int x1 = Math.Clamp((int)Math.Floor(boxes[n].X1 * scale), 0, w), x2 = Math.Clamp((int)Math.Ceiling(boxes[n].X2 * scale), 0, w);
            int y1 = Math.Clamp((int)Math.Floor(boxes[n].Y1 * scale), 0, h), y2 = Math.Clamp((int)Math.Ceiling(boxes[n].Y2 * scale), 0, h);
            if (x2 <= x1) { if (x1 >= w) x1 = w - 1; x2 = x1 + 1; }
            if (y2 <= y1) { if (y1 >= h) y1 = h - 1; y2 = y1 + 1; }
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        int r0 = y1 + (int)Math.Floor(i * (double)(y2 - y1) / oh), r1 = Math.Max(r0 + 1, y1 + (int)Math.Ceiling((i + 1) * (double)(y2 - y1) / oh));
                        int c0 = x1 + (int)Math.Floor(j * (double)(x2 - x1) / ow), c1 = Math.Max(c0 + 1, x1 + (int)Math.Ceiling((j + 1) * (double)(x2 - x1) / ow));
                        float best = float.NegativeInfinity;
                        for (int r = r0; r < Math.Min(r1, h); r++)
                            for (int cc = c0; cc < Math.Min(c1, w); cc++) best = Math.Max(best, f[ch, r, cc]);
                        result[n, ch, i, j] = best;
                    }
        }
        return result;
    }

    [Fact]
    public void Roi_pooling_on_hand_values()
    {
        // The 4×4 map 0..15 row by row; the whole map pooled 2×2 takes each quadrant's maximum.
        using var f = arange(16, dtype: ScalarType.Float32).reshape(1, 4, 4);
        using var whole = RoiPooling.RoiPool(f, new[] { new Box(0, 0, 4, 4) }, 2, 2);
        Assert.Equal(new float[] { 5, 7, 13, 15 }, whole.data<float>().ToArray());
        // A 3×3 region into 2×2: cells cover rows/cols {0,1} and {1,2}, sharing the middle one.
        using var odd = RoiPooling.RoiPool(f, new[] { new Box(0, 0, 3, 3) }, 2, 2);
        Assert.Equal(new float[] { 5, 6, 9, 10 }, odd.data<float>().ToArray());
        // Image box (2,2)-(8,8) on a half-resolution map is feature cells 1..3.
        using var scaled = RoiPooling.RoiPool(f, new[] { new Box(2, 2, 8, 8) }, 1, 1, spatialScale: 0.5);
        Assert.Equal(15f, scaled.item<float>());
    }

    [Fact]
    public void Roi_pooling_matches_the_loop_reference_and_routes_gradients_to_maxima()
    {
        var random = new Random(5);
        using var features = rand(3, 9, 11);
        var boxes = Enumerable.Range(0, 15).Select(_ =>
        {
            float x = (float)(random.NextDouble() * 20), y = (float)(random.NextDouble() * 16);
            return new Box(x, y, x + (float)(random.NextDouble() * 14), y + (float)(random.NextDouble() * 12));
        }).ToArray();
        var array = new float[3, 9, 11];
        var flat = features.data<float>().ToArray();
        for (int i = 0; i < flat.Length; i++) array[i / 99, i / 11 % 9, i % 11] = flat[i];
        var expected = ReferenceRoiPool(array, boxes, 3, 2, 0.5);
        using var pooled = RoiPooling.RoiPool(features, boxes, 3, 2, spatialScale: 0.5);
        Assert.Equal(new long[] { 15, 3, 3, 2 }, pooled.shape);
        var actual = pooled.data<float>().ToArray();
        Assert.Equal(expected.Cast<float>().ToArray(), actual);

        // Backward: every output cell sends its gradient 1 to exactly one input position.
        using var x = features.clone().requires_grad_(true);
        using var y = RoiPooling.RoiPool(x, boxes, 3, 2, spatialScale: 0.5);
        y.sum().backward();
        Assert.Equal(y.numel(), x.grad!.sum().item<float>(), 3);
    }

    [Fact]
    public void Warping_the_whole_image_or_an_aligned_box_reproduces_the_pixels()
    {
        using var image = rand(1, 8, 8);
        using var same = RegionCrops.Warp(image, new[] { new Box(0, 0, 8, 8) }, 8);
        Assert.True(same[0].allclose(image, rtol: 0, atol: 1e-5));
        using var part = RegionCrops.Warp(image, new[] { new Box(2, 4, 6, 8) }, 4);
        Assert.True(part[0].allclose(image[.., 4..8, 2..6], rtol: 0, atol: 1e-5));
    }

    private static IReadOnlyList<IReadOnlyList<ScoredBox>> D(params ScoredBox[][] perImage) => perImage;
    private static IReadOnlyList<IReadOnlyList<LabeledBox>> T(params LabeledBox[][] perImage) => perImage;

    [Fact]
    public void Average_precision_on_hand_made_cases()
    {
        var a = new Box(0, 0, 10, 10);
        var b = new Box(20, 20, 30, 30);
        var truth = T(new[] { new LabeledBox(a, 0), new LabeledBox(b, 0) });
        // Perfect.
        Assert.Equal(1.0, MeanAveragePrecision.Compute(D(new[] { new ScoredBox(a, 0, 0.9f), new ScoredBox(b, 0, 0.8f) }), truth, 1).Map, 9);
        // TP, FP, TP: precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1 → AP = ½·1 + ½·⅔ = 5/6.
        var fp = new Box(40, 40, 50, 50);
        Assert.Equal(5.0 / 6.0, MeanAveragePrecision.Compute(D(new[] { new ScoredBox(a, 0, 0.9f), new ScoredBox(fp, 0, 0.8f), new ScoredBox(b, 0, 0.7f) }), truth, 1).Map, 9);
        // A duplicate of a is a false positive; b is never found: AP = ½.
        Assert.Equal(0.5, MeanAveragePrecision.Compute(D(new[] { new ScoredBox(a, 0, 0.9f), new ScoredBox(a, 0, 0.8f) }), truth, 1).Map, 9);
        // IoU 1/3 does not count ((0,0)-(10,10) vs (5,0)-(15,10)): FP then TP, precision 0 then ½ at recall ½ → AP = ¼.
        Assert.Equal(0.25, MeanAveragePrecision.Compute(D(new[] { new ScoredBox(new Box(5, 0, 15, 10), 0, 0.95f), new ScoredBox(b, 0, 0.5f) }), truth, 1).Map, 9);
        // Wrong class: class 0 gets AP 0 for a, class 1 has no truth (NaN, left out of the mean).
        var result = MeanAveragePrecision.Compute(D(new[] { new ScoredBox(a, 1, 0.9f), new ScoredBox(b, 0, 0.5f) }), truth, 2);
        Assert.Equal(0.5, result.PerClass[0], 9);
        Assert.True(double.IsNaN(result.PerClass[1]));
        Assert.Equal(0.5, result.Map, 9);
    }

    [Fact]
    public void Box_regression_decodes_what_it_encodes()
    {
        var p = new Box(3, 4, 13, 24);
        var g = new Box(5, 2, 12, 30);
        var decoded = BoxRegression.Decode(p, BoxRegression.Encode(p, g));
        Assert.Equal(g.X1, decoded.X1, 4); Assert.Equal(g.Y1, decoded.Y1, 4);
        Assert.Equal(g.X2, decoded.X2, 4); Assert.Equal(g.Y2, decoded.Y2, 4);
    }

    [Fact]
    public void Scenes_are_seeded_and_proposals_find_every_object()
    {
        using var a = ClutteredScenes.Generate(20, seed: 4);
        using var b = ClutteredScenes.Generate(20, seed: 4);
        Assert.True(VisionAssert.Same(a.Images, b.Images));
        Assert.Equal(a.Objects.SelectMany(o => o), b.Objects.SelectMany(o => o));
        int objects = 0, found = 0;
        for (int n = 0; n < a.Count; n++)
        {
            using var image = a.Images[n];
            var proposals = RegionProposals.Propose(image);
            foreach (var o in a.Objects[n])
            {
                objects++;
                if (proposals.Any(p => p.Iou(o.Box) >= 0.7)) found++;
            }
        }
        Assert.True(objects >= 20);
        Assert.True(found >= 0.95 * objects, $"proposals covered {found} of {objects} objects");
    }

    [Fact]
    public void Connected_components_and_grouping_on_a_drawn_image()
    {
        var pixels = new float[8 * 10];
        foreach (var (r, c) in new[] { (1, 1), (1, 2), (2, 2), (5, 7), (6, 8) }) pixels[r * 10 + c] = 1;
        var boxes = RegionProposals.ConnectedComponents(pixels, 10, 8, 0.5);
        Assert.Equal(new[] { new Box(1, 1, 3, 3), new Box(7, 5, 9, 7) }, boxes);
        using var image = tensor(pixels, new long[] { 1, 8, 10 });
        var proposals = RegionProposals.Propose(image, minPixels: 1, maxGap: 10);
        Assert.Contains(new Box(1, 1, 9, 7), proposals); // the merge of both regions
    }

    [Fact]
    public void A_short_training_run_lowers_the_loss_and_keeps_the_tensor_count_flat()
    {
        using var scenes = ClutteredScenes.Generate(12, seed: 1);
        var detector = new RcnnDetector(new RcnnNetwork(3, cropSize: 16));
        detector.Train(scenes, epochs: 1, seed: 0);
        long before = GlobalTorchState.SettledTensorCount();
        var losses = detector.Train(scenes, epochs: 3, seed: 0).TrainLosses;
        long after = GlobalTorchState.SettledTensorCount();
        Assert.True(losses[^1] < losses[0], $"loss went {string.Join(" → ", losses)}");
        Assert.True(after - before < 20, $"live tensors grew by {after - before}");
        using var image = scenes.Images[0];
        var detections = detector.Detect(image);
        Assert.All(detections, d => Assert.InRange(d.Score, 0f, 1f));
    }
}
