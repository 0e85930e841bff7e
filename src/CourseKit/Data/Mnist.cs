using static TorchSharp.torch;

namespace CourseKit.Data;

/// <summary>MNIST: 70000 handwritten digits 0–9 (28×28 grey), LeCun, Cortes and Burges; CC BY-SA 3.0.</summary>
/// <example>
/// <code>
/// var train = Mnist.Load(Split.Train, limit: 12000);   // the first 12,000 training digits, 1×28×28 in [0,1]
/// var test = Mnist.Load(Split.Test);
/// var loader = new BatchLoader(train, 128, Shuffle: true);
/// </code>
/// </example>
public static class Mnist
{
    /// <summary>The dataset's description: folder <c>mnist</c>, classes "0" … "9".</summary>
    public static readonly IdxImageDataset Definition =
        new("MNIST", "mnist", ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

    /// <summary>Loads MNIST's training (60000) or test (10000) images as N×1×28×28 in [0,1], optionally only the first <paramref name="limit"/>.</summary>
    public static ImageDataset Load(Split split = Split.Train, int? limit = null) => Definition.Load(split, limit);
}
