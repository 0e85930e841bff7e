using CourseKit.Data;

namespace CourseKit.Tests.Data;

/// <summary>Writes small MNIST-layout datasets (gzipped IDX) into temporary folders, with a matching manifest.</summary>
internal static class TinyIdxData
{
    /// <summary>
    /// Writes the four files of <paramref name="dataset"/> under <paramref name="directory"/> with <paramref name="count"/>
    /// images per split; pixel values are offset by <paramref name="mark"/> so copies can be told apart; label i = i mod 10.
    /// Returns the manifest entries (uncompressed SHA-256) of the files written.
    /// </summary>
    public static Dictionary<string, string> Write(string directory, string dataset, int count, byte mark, int imageSize = 4)
    {
        Directory.CreateDirectory(directory);
        var hashes = new Dictionary<string, string>();
        foreach (var split in new[] { Split.Train, Split.Test })
        {
            byte[] pixels = Enumerable.Range(0, count * imageSize * imageSize).Select(i => (byte)((i + mark) % 256)).ToArray();
            byte[] labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
            hashes[$"{dataset}/{IdxImageDataset.ImagesFile(split)}"] =
                Save(Path.Combine(directory, IdxImageDataset.ImagesFile(split) + ".gz"), [count, imageSize, imageSize], pixels);
            hashes[$"{dataset}/{IdxImageDataset.LabelsFile(split)}"] =
                Save(Path.Combine(directory, IdxImageDataset.LabelsFile(split) + ".gz"), [count], labels);
        }
        return hashes;
    }

    /// <summary>Writes one gzipped IDX file and returns the SHA-256 of its uncompressed content.</summary>
    public static string Save(string path, int[] shape, byte[] data)
    {
        Idx.Write(path, shape, data, gzip: true);
        return Idx.Read(path).Sha256;
    }
}
