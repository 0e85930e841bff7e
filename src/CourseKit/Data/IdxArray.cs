using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>
/// The decoded content of an IDX file: unsigned bytes with their shape (e.g. 60000×28×28 for MNIST's
/// training images), and the SHA-256 of the uncompressed file, so it can be checked against a manifest.
/// </summary>
/// <param name="Magic">The magic number: 0x00000801 for labels (1-D), 0x00000803 for images (3-D).</param>
/// <param name="Shape">The dimensions from the header.</param>
/// <param name="Data">The values, row-major, <c>Shape</c>'s product of them.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the uncompressed IDX bytes (header included).</param>
public sealed record IdxArray(int Magic, int[] Shape, byte[] Data, string Sha256)
{
    /// <summary>The number of items (the first dimension).</summary>
    public int Count => Shape[0];
}
