using System.Buffers.Binary;
using System.Security.Cryptography;
using CourseKit.Data;

namespace CourseKit.Tests.Data;

public sealed class IdxTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("coursekit-idx-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static byte[] Counting(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 % 256)).ToArray();

    private string WriteRaw(string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void An_image_file_reads_back_with_its_shape_values_and_the_hash_of_its_bytes()
    {
        byte[] pixels = Counting(3 * 4 * 5);
        string path = Path.Combine(folder, "images");
        Idx.Write(path, [3, 4, 5], pixels);

        var array = Idx.ReadImages(path);

        Assert.Equal(Idx.ImagesMagic, array.Magic);
        Assert.Equal([3, 4, 5], array.Shape);
        Assert.Equal(pixels, array.Data);
        Assert.Equal(3, array.Count);
        Assert.Equal(16 + 60, new FileInfo(path).Length);   // 4 magic + 3×4 sizes + values
        Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant(), array.Sha256);
    }

    [Fact]
    public void A_gzipped_file_is_detected_by_its_magic_and_hashes_like_the_raw_content()
    {
        byte[] labels = [5, 0, 4, 1, 9];
        string raw = Path.Combine(folder, "labels");
        string gz = Path.Combine(folder, "labels-without-extension");   // detection is by content, not name
        Idx.Write(raw, [5], labels);
        Idx.Write(gz, [5], labels, gzip: true);
        Assert.Equal(0x1f, File.ReadAllBytes(gz)[0]);

        var fromRaw = Idx.ReadLabels(raw);
        var fromGz = Idx.ReadLabels(gz);

        Assert.Equal(labels, fromGz.Data);
        Assert.Equal(fromRaw.Sha256, fromGz.Sha256);
    }

    [Fact]
    public void A_file_missing_its_last_values_is_called_truncated_with_the_counts()
    {
        byte[] full = Idx.Encode([2, 3, 3], Counting(18));
        string path = WriteRaw("short", full[..^5]);

        var error = Assert.Throws<IdxFormatException>(() => Idx.ReadImages(path));

        Assert.Equal(path, error.File);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("[2, 3, 3] = 18", error.Message);
        Assert.Contains("only 13 bytes", error.Message);
    }

    [Fact]
    public void A_file_cut_inside_its_header_is_rejected()
    {
        string tiny = WriteRaw("tiny", [0, 0, 8]);
        string cutHeader = WriteRaw("cut", Idx.Encode([2, 3, 3], Counting(18))[..10]);

        Assert.Contains("too short", Assert.Throws<IdxFormatException>(() => Idx.Read(tiny)).Message);
        Assert.Contains("3 dimensions", Assert.Throws<IdxFormatException>(() => Idx.Read(cutHeader)).Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_rejected_and_names_the_file()
    {
        string path = Path.Combine(folder, "images.gz");
        Idx.Write(path, [50, 28, 28], Enumerable.Range(0, 50 * 784).Select(i => (byte)(i * 31 % 251)).ToArray(), gzip: true);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<IdxFormatException>(() => Idx.ReadImages(path));

        Assert.Equal(path, error.File);
        Assert.Matches("truncated|corrupt", error.Message);
    }

    [Fact]
    public void Bad_magic_numbers_are_rejected()
    {
        byte[] notIdx = Idx.Encode([4], [1, 2, 3, 4]);
        notIdx[0] = 0x89;   // e.g. a PNG
        string png = WriteRaw("picture", notIdx);
        byte[] floats = Idx.Encode([4], [1, 2, 3, 4]);
        floats[2] = 0x0D;   // IDX type float
        string floatFile = WriteRaw("floats", floats);

        Assert.Contains("bad magic number 0x89000801", Assert.Throws<IdxFormatException>(() => Idx.Read(png)).Message);
        Assert.Contains("0x0d is not supported", Assert.Throws<IdxFormatException>(() => Idx.Read(floatFile)).Message);
    }

    [Fact]
    public void Labels_read_as_images_and_images_read_as_labels_are_refused()
    {
        string labels = Path.Combine(folder, "labels");
        string images = Path.Combine(folder, "images");
        Idx.Write(labels, [3], [1, 2, 3]);
        Idx.Write(images, [1, 2, 2], [1, 2, 3, 4]);

        var asImages = Assert.Throws<IdxFormatException>(() => Idx.ReadImages(labels));
        var asLabels = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(images));

        Assert.Contains("magic number 0x00000801 but 0x00000803 (an image file) was expected", asImages.Message);
        Assert.Contains("magic number 0x00000803 but 0x00000801 (a label file) was expected", asLabels.Message);
    }

    [Fact]
    public void Zero_or_negative_sizes_and_trailing_bytes_are_rejected()
    {
        byte[] zero = Idx.Encode([1, 2, 2], [1, 2, 3, 4]);
        BinaryPrimitives.WriteInt32BigEndian(zero.AsSpan(8), 0);
        byte[] negative = Idx.Encode([1, 2, 2], [1, 2, 3, 4]);
        BinaryPrimitives.WriteInt32BigEndian(negative.AsSpan(12), -1);
        byte[] longer = [.. Idx.Encode([1, 2, 2], [1, 2, 3, 4]), 9, 9];

        Assert.Contains("dimension 1 has size 0", Assert.Throws<IdxFormatException>(() => Idx.Read(WriteRaw("zero", zero))).Message);
        Assert.Contains("dimension 2 has size -1", Assert.Throws<IdxFormatException>(() => Idx.Read(WriteRaw("neg", negative))).Message);
        Assert.Contains("2 unexpected bytes", Assert.Throws<IdxFormatException>(() => Idx.Read(WriteRaw("long", longer))).Message);
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error()
    {
        string path = Path.Combine(folder, "nothing-here");
        Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => Idx.Read(path)).FileName);
    }
}
