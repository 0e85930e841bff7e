using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>
/// Reads and writes the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
/// a big-endian header — two zero bytes, a type byte (0x08 = unsigned byte), a dimension count, then one
/// 32-bit size per dimension — followed by the values. Files may be raw or gzipped (detected by the gzip
/// magic 0x1f 0x8b, not by the name).
/// </summary>
public static class Idx
{
    /// <summary>Magic number of a label file: unsigned bytes, one dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Magic number of an image file: unsigned bytes, three dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads a label file (magic 0x00000801) as N labels.</summary>
    /// <exception cref="IdxFormatException">The file is not a valid label file.</exception>
    public static IdxArray ReadLabels(string path) => Read(path, LabelsMagic);

    /// <summary>Reads an image file (magic 0x00000803) as N×rows×columns bytes.</summary>
    /// <exception cref="IdxFormatException">The file is not a valid image file.</exception>
    public static IdxArray ReadImages(string path) => Read(path, ImagesMagic);

    /// <summary>Reads an IDX file of unsigned bytes, raw or gzipped.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedMagic">If given, the magic number the file must have.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="IdxFormatException">The file is truncated, corrupt or of the wrong kind.</exception>
    public static IdxArray Read(string path, int? expectedMagic = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file {path} does not exist", path);
        byte[] bytes = Decompress(path, File.ReadAllBytes(path));
        return Parse(path, bytes, expectedMagic);
    }

    /// <summary>Parses the uncompressed bytes of an IDX file; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="IdxFormatException">The bytes are not a valid IDX file of the expected kind.</exception>
    public static IdxArray Parse(string name, byte[] bytes, int? expectedMagic = null)
    {
        if (bytes.Length < 4)
            throw new IdxFormatException(name, $"only {bytes.Length} bytes: too short for an IDX header (the file is truncated or empty)");
        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new IdxFormatException(name, $"bad magic number 0x{magic:x8}: an IDX file starts with two zero bytes (is this an IDX file?)");
        if (bytes[2] != UnsignedByteType)
            throw new IdxFormatException(name, $"value type 0x{bytes[2]:x2} is not supported: only unsigned bytes (0x08) are, as in MNIST");
        if (expectedMagic is int expected && magic != expected)
            throw new IdxFormatException(name,
                $"magic number 0x{magic:x8} but 0x{expected:x8} ({Describe(expected)}) was expected: is this the right file?");
        int dimensions = bytes[3];
        if (dimensions == 0) throw new IdxFormatException(name, "the header declares zero dimensions");
        int headerLength = 4 + 4 * dimensions;
        if (bytes.Length < headerLength)
            throw new IdxFormatException(name, $"the header declares {dimensions} dimensions but the file ends after {bytes.Length} bytes (truncated)");

        var shape = new int[dimensions];
        long count = 1;
        for (int d = 0; d < dimensions; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (shape[d] <= 0)
                throw new IdxFormatException(name, $"dimension {d} has size {shape[d]}; sizes must be positive (corrupt header)");
            count *= shape[d];
        }
        long available = bytes.Length - headerLength;
        string shapeText = ShapeText.OfSizes(shape);
        if (available < count)
            throw new IdxFormatException(name,
                $"truncated: the header declares {shapeText} = {count} values but only {available} bytes follow it");
        if (available > count)
            throw new IdxFormatException(name,
                $"{available - count} unexpected bytes after the {shapeText} = {count} values the header declares (corrupt file)");

        byte[] data = bytes.AsSpan(headerLength).ToArray();
        string sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        return new IdxArray(magic, shape, data, sha);
    }

    /// <summary>Writes an IDX file of unsigned bytes (gzipped when <paramref name="gzip"/>); used by tests and tools.</summary>
    public static void Write(string path, int[] shape, byte[] data, bool gzip = false)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Length is 0 or > 255 || shape.Any(s => s <= 0))
            throw new ArgumentException($"shape [{string.Join(",", shape)}] is not a valid IDX shape", nameof(shape));
        if (count != data.Length)
            throw new ArgumentException($"shape {ShapeText.OfSizes(shape)} holds {count} values but {data.Length} were given", nameof(data));
        byte[] bytes = Encode(shape, data);
        using var file = File.Create(path);
        if (!gzip)
        {
            file.Write(bytes);
            return;
        }
        using var compressed = new GZipStream(file, CompressionLevel.Optimal);
        compressed.Write(bytes);
    }

    /// <summary>The uncompressed IDX bytes (header and values) for unsigned-byte <paramref name="data"/> of <paramref name="shape"/>.</summary>
    public static byte[] Encode(int[] shape, byte[] data)
    {
        var bytes = new byte[4 + 4 * shape.Length + data.Length];
        bytes[2] = UnsignedByteType;
        bytes[3] = (byte)shape.Length;
        for (int d = 0; d < shape.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), shape[d]);
        data.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }

    /// <summary>The uncompressed bytes: gunzipped when the file starts with the gzip magic 0x1f 0x8b.</summary>
    internal static byte[] Decompress(string name, byte[] bytes)
    {
        bool gzipped = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
        if (!gzipped) return bytes;
        try
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new IdxFormatException(name, $"the gzip stream is corrupt or truncated ({e.Message}); delete the file and fetch it again", e);
        }
    }

    private static string Describe(int magic) => magic switch
    {
        LabelsMagic => "a label file",
        ImagesMagic => "an image file",
        _ => "IDX",
    };
}
