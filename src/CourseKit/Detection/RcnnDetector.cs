using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Detection;

/// <summary>
/// The R-CNN pipeline (Girshick et al. 2014, "Rich feature hierarchies for accurate object detection and semantic segmentation"; notebook 05) on small images: (1) region proposals (<see cref="RegionProposals"/>),
/// (2) every region warped to a fixed size, (3) CNN scores for K classes + background and box regression
/// (<see cref="RcnnNetwork"/>), (4) per-class non-maximum suppression. Plug in sliding windows instead of
/// proposals to get the older brute-force detector (<see cref="SlidingWindows"/>).
/// </summary>
public sealed class RcnnDetector
{
    /// <summary>A detector around a (trained or untrained) network.</summary>
    public RcnnDetector(RcnnNetwork network, RcnnOptions? options = null)
    {
        Network = network;
        Options = options ?? new RcnnOptions(CropSize: network.CropSize);
        if (Options.CropSize != network.CropSize) throw new ArgumentException($"options.CropSize {Options.CropSize} differs from the network's {network.CropSize}");
    }

    /// <summary>The per-region network.</summary>
    public RcnnNetwork Network { get; }

    /// <summary>The settings.</summary>
    public RcnnOptions Options { get; }

    /// <summary>
    /// Training regions for the network from true scenes: every proposal, 4 jittered copies of each true box and
    /// 4 random boxes per scene. A region with IoU ≥ 0.5 with a true box takes its class and regression target;
    /// IoU &lt; 0.3 with every true box makes it background; in between it is left out (as in R-CNN).
    /// Inputs N×1×S×S, targets N×5 (class with 0 = background, then the 4 regression targets).
    /// </summary>
    public InMemoryDataset TrainingRegions(SceneDataset scenes, int seed)
    {
        var random = new Random(seed);
        var crops = new List<Tensor>();
        var targets = new List<float>();
        int size = (int)scenes.Images.shape[3];
        for (int n = 0; n < scenes.Count; n++)
        {
            using var image = scenes.Images[n];
            var truth = scenes.Objects[n];
            var regions = new List<Box>(RegionProposals.Propose(image));
            foreach (var o in truth)
                for (int k = 0; k < 4; k++) regions.Add(Jitter(o.Box, random, size));
            for (int k = 0; k < 4; k++) regions.Add(RandomBox(random, size));
            var kept = new List<Box>();
            foreach (var region in regions)
            {
                var (best, iou) = BestMatch(region, truth);
                if (iou >= 0.5)
                {
                    targets.Add(truth[best].Label + 1);
                    targets.AddRange(BoxRegression.Encode(region, truth[best].Box));
                }
                else if (iou < 0.3) targets.AddRange(new float[] { 0, 0, 0, 0, 0 });
                else continue;
                kept.Add(region);
            }
            crops.Add(Crop(image, kept));
        }
        var inputs = cat(crops, 0);
        foreach (var c in crops) c.Dispose();
        return new InMemoryDataset(inputs, tensor(targets.ToArray(), new long[] { targets.Count / 5, 5 }));
    }

    /// <summary>
    /// Trains the network on <see cref="TrainingRegions"/> of <paramref name="scenes"/> with Adam and the kit's
    /// <see cref="Trainer"/> (loss: <see cref="RcnnNetwork.Loss"/>); returns the loss per epoch.
    /// </summary>
    public TrainingHistory Train(SceneDataset scenes, int epochs, int seed, double learningRate = 2e-3, IProgress<EpochMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        Seeds.Set(seed);
        using var regions = TrainingRegions(scenes, seed);
        using var optimizer = optim.Adam(Network.parameters(), learningRate);
        var loader = new BatchLoader(regions, BatchSize: 64, Shuffle: true, Seed: seed);
        var history = new Trainer(Network, optimizer, Network.Loss).Fit(loader, epochs: epochs, progress: progress, cancellationToken: cancellationToken);
        Network.eval();
        return history;
    }

    /// <summary>Detections in a grey image (1×H×W) from its region proposals.</summary>
    public IReadOnlyList<ScoredBox> Detect(Tensor image) => Detect(image, RegionProposals.Propose(image));

    /// <summary>
    /// Scores every region, keeps its best object class with that class's probability, moves the box by the
    /// predicted regression, drops scores below the threshold and applies per-class NMS.
    /// </summary>
    public IReadOnlyList<ScoredBox> Detect(Tensor image, IReadOnlyList<Box> regions)
    {
        if (regions.Count == 0) return Array.Empty<ScoredBox>();
        float[] output;
        int width = (int)image.shape[2], height = (int)image.shape[1], columns = Network.Classes + 1 + 4;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            Network.eval();
            var raw = Network.forward(Crop(image, regions));
            var probabilities = raw[.., ..(Network.Classes + 1)].softmax(1);
            output = cat(new[] { probabilities, raw[.., (Network.Classes + 1)..] }, 1).contiguous().data<float>().ToArray();
        }
        var detections = new List<ScoredBox>();
        for (int i = 0; i < regions.Count; i++)
        {
            var row = output.AsSpan(i * columns, columns);
            int label = 0;
            for (int c = 1; c < Network.Classes; c++) if (row[1 + c] > row[1 + label]) label = c;
            float score = row[1 + label];
            if (score < Options.ScoreThreshold) continue;
            var box = BoxRegression.Decode(regions[i], row.Slice(Network.Classes + 1, 4)).Clip(width, height);
            detections.Add(new ScoredBox(box, label, score));
        }
        return BoxOps.Nms(detections, Options.NmsThreshold);
    }

    /// <summary>mAP of the detector on <paramref name="scenes"/> with proposals, or with the given region source.</summary>
    public MapResult Evaluate(SceneDataset scenes, Func<Tensor, IReadOnlyList<Box>>? regions = null, double iouThreshold = 0.5)
    {
        var predictions = new List<IReadOnlyList<ScoredBox>>();
        for (int n = 0; n < scenes.Count; n++)
        {
            using var image = scenes.Images[n];
            predictions.Add(regions is null ? Detect(image) : Detect(image, regions(image)));
        }
        return MeanAveragePrecision.Compute(predictions, scenes.Objects, scenes.ClassNames.Count, iouThreshold);
    }

    /// <summary>The regions (with context) warped to CropSize: N×1×S×S.</summary>
    public Tensor Crop(Tensor image, IReadOnlyList<Box> regions) =>
        RegionCrops.Warp(image, regions.Select(r => r.Expand(Options.Context)).ToList(), Options.CropSize);

    private static (int Index, double Iou) BestMatch(Box region, IReadOnlyList<LabeledBox> truth)
    {
        int best = -1;
        double bestIou = 0;
        for (int j = 0; j < truth.Count; j++)
        {
            double iou = region.Iou(truth[j].Box);
            if (iou > bestIou) { bestIou = iou; best = j; }
        }
        return (best, bestIou);
    }

    private static Box Jitter(Box box, Random random, int size)
    {
        float dx = (float)((random.NextDouble() * 2 - 1) * 0.15 * box.Width), dy = (float)((random.NextDouble() * 2 - 1) * 0.15 * box.Height);
        float sw = (float)(0.8 + 0.4 * random.NextDouble()), sh = (float)(0.8 + 0.4 * random.NextDouble());
        float w = box.Width * sw, h = box.Height * sh, cx = box.CenterX + dx, cy = box.CenterY + dy;
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2).Clip(size, size);
    }

    private static Box RandomBox(Random random, int size)
    {
        int w = random.Next(6, 28), h = random.Next(6, 28);
        int x = random.Next(0, size - w), y = random.Next(0, size - h);
        return new Box(x, y, x + w, y + h);
    }
}
