using CourseKit.Visualization;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Segmentation;

/// <summary>Label maps as colour pictures, and predicted masks shown beside the truth (notebook 05).</summary>
public static class MaskPictures
{
    /// <summary>RGB colour of each class of <see cref="ShapeMasks"/>: background, rectangle, ellipse, triangle.</summary>
    public static IReadOnlyList<float[]> Palette { get; } =
    [
        [0.12f, 0.12f, 0.12f],
        [0.90f, 0.30f, 0.20f],
        [0.25f, 0.75f, 0.30f],
        [0.25f, 0.45f, 0.95f],
    ];

    /// <summary>Label maps N×H×W (class indices) as RGB images N×3×H×W, one <see cref="Palette"/> colour per class.</summary>
    public static Tensor Colorize(Tensor labels)
    {
        if (labels.dim() != 3)
            throw new ArgumentException($"label maps must be N×H×W, got {ShapeText.Of(labels)}", nameof(labels));
        if (labels.numel() > 0)
        {
            long lowest = labels.min().item<long>(), highest = labels.max().item<long>();
            if (lowest < 0 || highest >= Palette.Count)
                throw new ArgumentException($"labels must be class indices 0–{Palette.Count - 1}, but they range from {lowest} to {highest}", nameof(labels));
        }
        using var scope = NewDisposeScope();
        var colours = tensor(Palette.SelectMany(c => c).ToArray(), [Palette.Count, 3]);
        var rgb = colours.index_select(0, labels.to(ScalarType.Int64).flatten())                    // (N·H·W)×3
            .view(labels.shape[0], labels.shape[1], labels.shape[2], 3).permute(0, 3, 1, 2).contiguous();
        return rgb.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The first <paramref name="count"/> test images as columns; rows: the input, the true mask, then each
    /// prediction (N×H×W label maps) with its name. Colours: <see cref="Palette"/>.
    /// </summary>
    public static RichOutput Masks(Tensor images, Tensor truth, IEnumerable<(string Name, Tensor Predicted)> predictions, int count = 8, int scale = 3)
    {
        using var scope = NewDisposeScope();
        count = (int)Math.Min(count, images.shape[0]);
        var rows = new List<Tensor> { images[..count].expand(-1, 3, -1, -1), Colorize(truth[..count]) };
        var names = new List<string> { "input", "truth" };
        foreach (var (name, predicted) in predictions)
        {
            rows.Add(Colorize(predicted[..count]));
            names.Add(name);
        }
        var labels = names.SelectMany(name => Enumerable.Repeat(name, count)).ToList();
        return Pictures.Images(cat(rows, 0), labels, columns: count, scale: scale);
    }

    /// <summary>Shows <see cref="Masks"/>(…) in the notebook.</summary>
    public static void ShowMasks(Tensor images, Tensor truth, IEnumerable<(string Name, Tensor Predicted)> predictions, int count = 8, int scale = 3) =>
        Output.Display(Masks(images, truth, predictions, count, scale));
}
