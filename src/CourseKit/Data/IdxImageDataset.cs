using static TorchSharp.torch;

namespace CourseKit.Data;

/// <summary>
/// An image-classification dataset stored as four IDX files in the MNIST layout
/// (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>,
/// each raw or .gz) in a folder named <see cref="Folder"/>. MNIST and Fashion-MNIST are two of these.
/// </summary>
/// <param name="Title">The name shown to people, e.g. "Fashion-MNIST".</param>
/// <param name="Folder">The folder name under a data place, e.g. "fashion-mnist"; also the manifest prefix.</param>
/// <param name="ClassNames">The class names, indexed by label.</param>
public sealed record IdxImageDataset(string Title, string Folder, IReadOnlyList<string> ClassNames)
{
    /// <summary>The four file names (without .gz), training files first.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The image file name of a split (without .gz).</summary>
    public static string ImagesFile(Split split) => split == Split.Train ? FileNames[0] : FileNames[2];

    /// <summary>The label file name of a split (without .gz).</summary>
    public static string LabelsFile(Split split) => split == Split.Train ? FileNames[1] : FileNames[3];

    /// <summary>
    /// Loads a split as N×1×H×W float32 images in [0,1] and int64 labels; the first <paramref name="limit"/> only, if given.
    /// Files are found by <paramref name="locator"/> (default: <see cref="DataLocator.Default"/>) and checked against its manifest.
    /// The returned dataset is new and belongs to the caller.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">A file is missing; the message lists where the kit looked.</exception>
    /// <exception cref="ChecksumMismatchException">A file's content does not match the manifest.</exception>
    /// <exception cref="IdxFormatException">A file is truncated, corrupt or inconsistent with its partner.</exception>
    public ImageDataset Load(Split split = Split.Train, int? limit = null, DataLocator? locator = null)
    {
        if (limit is <= 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be positive (or null for all)");
        locator ??= DataLocator.Default;
        var imagesFile = locator.Locate(Folder, ImagesFile(split));
        var labelsFile = locator.Locate(Folder, LabelsFile(split));
        var images = locator.ReadVerified(imagesFile, Idx.ImagesMagic);
        var labels = locator.ReadVerified(labelsFile, Idx.LabelsMagic);
        CheckConsistent(imagesFile.Path, images, labelsFile.Path, labels);

        int count = Math.Min(limit ?? images.Count, images.Count);
        int height = images.Shape[1], width = images.Shape[2];
        var pixels = new byte[(long)count * height * width];
        Array.Copy(images.Data, pixels, pixels.Length);
        var targets = new long[count];
        for (int i = 0; i < count; i++) targets[i] = labels.Data[i];

        using var bytes = tensor(pixels, new long[] { count, 1, height, width }, dtype: ScalarType.Byte);
        Tensor inputs = bytes.to_type(ScalarType.Float32).div_(255f);   // [0,255] → [0,1]
        return new ImageDataset(inputs, tensor(targets, dtype: ScalarType.Int64), ClassNames);
    }

    private void CheckConsistent(string imagesPath, IdxArray images, string labelsPath, IdxArray labels)
    {
        if (images.Count != labels.Count)
            throw new IdxFormatException(labelsPath, $"holds {labels.Count} labels but {imagesPath} holds {images.Count} images");
        int bad = Array.FindIndex(labels.Data, l => l >= ClassNames.Count);
        if (bad >= 0)
            throw new IdxFormatException(labelsPath, $"label {labels.Data[bad]} at index {bad} is not one of the {ClassNames.Count} classes of {Title}");
    }
}
