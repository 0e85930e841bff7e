namespace CourseKit.Detection;

/// <summary>
/// Mean average precision at an IoU threshold (PASCAL VOC, all-point interpolation): per class, detections of
/// all images are sorted by score; each is a true positive if it overlaps a not-yet-matched true object of its
/// class and image with IoU ≥ threshold (the best-overlapping one), else a false positive (so duplicates are
/// false positives). AP is the area under the precision–recall curve after making precision non-increasing.
/// </summary>
public static class MeanAveragePrecision
{
    /// <summary>mAP over images: <paramref name="predictions"/>[i] and <paramref name="truth"/>[i] belong to image i.</summary>
    public static MapResult Compute(IReadOnlyList<IReadOnlyList<ScoredBox>> predictions, IReadOnlyList<IReadOnlyList<LabeledBox>> truth, int classCount, double iouThreshold = 0.5)
    {
        if (predictions.Count != truth.Count)
            throw new ArgumentException($"{predictions.Count} prediction lists but {truth.Count} truth lists; give one of each per image");
        var perClass = new double[classCount];
        for (int c = 0; c < classCount; c++) perClass[c] = AveragePrecision(predictions, truth, c, iouThreshold);
        var present = perClass.Where(ap => !double.IsNaN(ap)).ToArray();
        return new MapResult(present.Length == 0 ? double.NaN : present.Average(), perClass);
    }

    /// <summary>AP of one class (NaN if no image has a true object of that class).</summary>
    public static double AveragePrecision(IReadOnlyList<IReadOnlyList<ScoredBox>> predictions, IReadOnlyList<IReadOnlyList<LabeledBox>> truth, int label, double iouThreshold = 0.5)
    {
        int positives = truth.Sum(t => t.Count(o => o.Label == label));
        if (positives == 0) return double.NaN;
        var detections = predictions
            .SelectMany((list, image) => list.Where(d => d.Label == label).Select(d => (Image: image, Detection: d)))
            .OrderByDescending(x => x.Detection.Score)
            .ToList();
        var matched = truth.Select(t => new bool[t.Count]).ToArray();
        var precision = new double[detections.Count];
        var recall = new double[detections.Count];
        int truePositives = 0;
        for (int k = 0; k < detections.Count; k++)
        {
            var (image, detection) = detections[k];
            int best = -1;
            double bestIou = iouThreshold;
            for (int j = 0; j < truth[image].Count; j++)
            {
                if (truth[image][j].Label != label || matched[image][j]) continue;
                double iou = detection.Box.Iou(truth[image][j].Box);
                if (iou >= bestIou) { bestIou = iou; best = j; }
            }
            if (best >= 0) { matched[image][best] = true; truePositives++; }
            precision[k] = truePositives / (double)(k + 1);
            recall[k] = truePositives / (double)positives;
        }
        // Interpolate: precision at recall r is the best precision at any recall ≥ r.
        for (int k = detections.Count - 2; k >= 0; k--) precision[k] = Math.Max(precision[k], precision[k + 1]);
        double ap = 0, previousRecall = 0;
        for (int k = 0; k < detections.Count; k++)
        {
            ap += (recall[k] - previousRecall) * precision[k];
            previousRecall = recall[k];
        }
        return ap;
    }
}
