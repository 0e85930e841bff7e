using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using CourseKit.Runtime;

namespace CourseKit.Detection;

/// <summary>
/// Region-of-interest pooling (Girshick 2015, "Fast R-CNN"): turns a region of any size on a feature map into a fixed
/// OutH×OutW grid by max-pooling each cell of the grid, so one classifier can handle every proposal.
/// <para>Definition used here. A box in image pixels (x2, y2 exclusive) is mapped onto the feature map with
/// <c>spatialScale</c> (feature size / image size): x1' = ⌊x1·s⌋, x2' = ⌈x2·s⌉ (clipped, at least one cell wide);
/// with w = x2' − x1', output column j pools the feature columns x1' + ⌊j·w/OutW⌋ … x1' + ⌈(j+1)·w/OutW⌉ − 1
/// (and the same for rows). Neighbouring cells may share a column when w is not a multiple of OutW.</para>
/// </summary>
public static class RoiPooling
{
    /// <summary>
    /// Pools every box over one feature map <paramref name="features"/> (C×H×W) into N×C×OutH×OutW.
    /// Differentiable: the gradient reaches the arg-max position of each cell (as in Fast R-CNN's backward).
    /// </summary>
    public static Tensor RoiPool(Tensor features, IReadOnlyList<Box> boxes, int outputHeight, int outputWidth, double spatialScale = 1.0)
    {
        if (features.dim() != 3) throw new ArgumentException($"features must be C×H×W, got shape {ShapeText.Of(features)}");
        if (outputHeight <= 0 || outputWidth <= 0) throw new ArgumentException("the output grid must be at least 1×1");
        using var scope = NewDisposeScope();
        int height = (int)features.shape[1], width = (int)features.shape[2];
        var pooled = new List<Tensor>();
        foreach (var box in boxes)
        {
            var (rowStart, rowEnd) = CellRanges(box.Y1, box.Y2, spatialScale, height, outputHeight);
            var (colStart, colEnd) = CellRanges(box.X1, box.X2, spatialScale, width, outputWidth);
            // Masks[cell, position] say which feature rows (columns) each output row (column) pools.
            var rowMask = Membership(rowStart, rowEnd, height);   // OutH×H
            var colMask = Membership(colStart, colEnd, width);    // OutW×W
            // Max over a rectangle = max over its rows, then over its columns.
            var rows = features.unsqueeze(1).masked_fill(rowMask.logical_not().reshape(1, outputHeight, height, 1), double.NegativeInfinity)
                .amax(new long[] { 2 });                          // C×OutH×W
            var cells = rows.unsqueeze(2).masked_fill(colMask.logical_not().reshape(1, 1, outputWidth, width), double.NegativeInfinity)
                .amax(new long[] { 3 });                          // C×OutH×OutW
            pooled.Add(cells.nan_to_num(0, 0, 0));                // empty cells (box outside the map) → 0
        }
        return (pooled.Count == 0 ? zeros(0, features.shape[0], outputHeight, outputWidth) : stack(pooled)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The feature rows (or columns) each output cell pools, as [start, end) pairs, for a box edge pair
    /// (low, high) in image pixels. Exposed so tests and notebooks can print the grid.
    /// </summary>
    public static (int[] Start, int[] End) CellRanges(float low, float high, double spatialScale, int size, int cells)
    {
        int first = Math.Clamp((int)Math.Floor(low * spatialScale), 0, size);
        int last = Math.Clamp((int)Math.Ceiling(high * spatialScale), 0, size);
        if (last <= first) { if (first >= size) first = size - 1; last = first + 1; }
        int extent = last - first;
        var start = new int[cells];
        var end = new int[cells];
        for (int j = 0; j < cells; j++)
        {
            start[j] = first + (int)Math.Floor(j * (double)extent / cells);
            end[j] = Math.Max(start[j] + 1, first + (int)Math.Ceiling((j + 1) * (double)extent / cells));
        }
        return (start, end);
    }

    private static Tensor Membership(int[] start, int[] end, int size)
    {
        var mask = new bool[start.Length * size];
        for (int j = 0; j < start.Length; j++)
            for (int p = start[j]; p < end[j] && p < size; p++) mask[j * size + p] = true;
        return tensor(mask, new long[] { start.Length, size });
    }
}
