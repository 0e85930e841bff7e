using CourseKit.Data;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Models;

/// <summary>
/// The lecture's X's and O's: a computer compares images pixel by pixel, so a shifted or distorted X no longer
/// "matches" a stored X. A CNN instead looks for small features — for an X, the two diagonals and the crossing —
/// anywhere in the image. Here: 9×9 pictures of X and O (white on black, [0, 1]), the three hand-made 3×3
/// features of the CNN lecture, a data set of shifted, noisy examples, and a tiny CNN that learns to tell them apart.
/// </summary>
public static class XsAndOs
{
    /// <summary>Class names: 0 = "X", 1 = "O".</summary>
    public static readonly IReadOnlyList<string> ClassNames = ["X", "O"];

    /// <summary>A 9×9 X.</summary>
    public static Tensor X()
    {
        var image = zeros(9, 9);
        for (int i = 1; i < 8; i++)
        {
            image[i, i] = 1;
            image[i, 8 - i] = 1;
        }
        return image;
    }

    /// <summary>A 9×9 O.</summary>
    public static Tensor O()
    {
        var image = zeros(9, 9);
        for (int i = 3; i < 6; i++)
        {
            image[1, i] = 1; image[7, i] = 1;    // top and bottom
            image[i, 1] = 1; image[i, 7] = 1;    // left and right
        }
        image[2, 2] = 1; image[2, 6] = 1; image[6, 2] = 1; image[6, 6] = 1;   // the rounded corners
        return image;
    }

    /// <summary>
    /// The CNN lecture's three features of an X as 3×3 filters (3×1×3×3): the diagonal "\", the crossing "X" and the
    /// diagonal "/". +1 where the feature has ink, −1 where it must be empty, so a filter responds most where the
    /// image looks like it.
    /// </summary>
    public static Tensor Features() => tensor(new float[]
    {
        1, -1, -1, -1, 1, -1, -1, -1, 1,     // "\"
        1, -1, 1, -1, 1, -1, 1, -1, 1,       // "X"
        -1, -1, 1, -1, 1, -1, 1, -1, -1,     // "/"
    }).view(3, 1, 3, 3);

    /// <summary>
    /// <paramref name="count"/> examples (half X, half O) shifted by up to one pixel and with <paramref name="noise"/>
    /// of the pixels flipped: inputs N×1×9×9 in [0, 1], targets 0 (X) or 1 (O).
    /// </summary>
    public static InMemoryDataset Dataset(int count, int seed = 0, double noise = 0.05)
    {
        var random = new Random(seed);
        using var x = X();
        using var o = O();
        var images = new List<Tensor>();
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            var shifted = (labels[i] == 0 ? x : o).roll([random.Next(-1, 2), random.Next(-1, 2)], [0, 1]);
            var flips = tensor(Enumerable.Range(0, 81).Select(_ => random.NextDouble() < noise ? 1f : 0f).ToArray()).view(9, 9);
            images.Add((shifted - flips).abs());   // flip: 0 ↔ 1 where flips = 1
            shifted.Dispose();
            flips.Dispose();
        }
        var inputs = stack(images).unsqueeze(1);
        foreach (var image in images) image.Dispose();
        return new InMemoryDataset(inputs, tensor(labels));
    }

    /// <summary>The tiny CNN of the CNN lecture: convolution with 3 features, ReLU, pooling, a fully connected layer.</summary>
    /// <param name="handMadeFeatures">Start the convolution from <see cref="Features"/> instead of random filters.</param>
    public static XsAndOsNet Model(bool handMadeFeatures = false) => new(handMadeFeatures);
}
