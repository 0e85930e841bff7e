using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CourseKit.Grading.Isolation;

/// <summary>
/// Length-framed messages with an HMAC-SHA256 tag over (direction, sequence number, payload), keyed by a
/// per-run random key the parent hands to the child on its stdin (never on disk). A frame from anyone
/// without the key, a replayed or reordered frame, or a frame from the wrong direction is rejected.
/// </summary>
/// <remarks>
/// Threat model: the key lives in the child's memory, so student code in the child could in principle find
/// it. That gains nothing: the child only ever returns computed values, and the parent, not the child,
/// compares them with expected values it never sends. The channel stops forgery from outside the child
/// (stdout, files, other processes) and makes a garbled stream fail loudly.
/// </remarks>
internal sealed class SecureChannel : IDisposable
{
    public const int KeyBytes = 32;

    /// <summary>The largest frame the child accepts (the parent's arguments: training images).</summary>
    public const int MaxFrameBytes = 512 * 1024 * 1024;
    private const int TagBytes = 32;

    private readonly int maxReceiveBytes;

    private readonly Stream stream;
    private readonly byte[] key;
    private readonly byte sendDirection;
    private readonly byte receiveDirection;
    private long sent;
    private long received;

    /// <param name="stream">The transport (a Unix domain socket).</param>
    /// <param name="key">The shared per-run key.</param>
    /// <param name="isParent">The parent signs with direction 1 and accepts direction 2; the child the reverse.</param>
    /// <param name="maxReceiveBytes">The largest frame this side reads; a longer one is refused before anything is allocated for it.</param>
    public SecureChannel(Stream stream, byte[] key, bool isParent, int maxReceiveBytes = MaxFrameBytes)
    {
        if (maxReceiveBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxReceiveBytes), "the frame limit must be positive.");
        this.maxReceiveBytes = maxReceiveBytes;
        if (key.Length != KeyBytes) throw new ArgumentException($"the channel key must be {KeyBytes} bytes.", nameof(key));
        this.stream = stream;
        this.key = (byte[])key.Clone();
        sendDirection = isParent ? (byte)1 : (byte)2;
        receiveDirection = isParent ? (byte)2 : (byte)1;
    }

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public void Send(byte[] payload)
    {
        byte[] tag = Tag(sendDirection, sent++, payload);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        stream.Write(header);
        stream.Write(tag);
        stream.Write(payload);
        stream.Flush();
    }

    /// <summary>
    /// Reads the next frame; throws <see cref="InvalidDataException"/> for a frame over this side's limit (refused from
    /// its header, before its bytes are read) or one that fails authentication.
    /// </summary>
    public byte[] Receive()
    {
        var header = new byte[4];
        stream.ReadExactly(header);
        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maxReceiveBytes)
            throw new InvalidDataException($"a frame of {length} bytes was refused (the limit is {maxReceiveBytes} bytes).");
        var tag = new byte[TagBytes];
        stream.ReadExactly(tag);
        var payload = new byte[length];
        stream.ReadExactly(payload);
        byte[] expected = Tag(receiveDirection, received++, payload);
        if (!CryptographicOperations.FixedTimeEquals(tag, expected))
            throw new InvalidDataException("a frame failed authentication (wrong key, replayed or reordered).");
        return payload;
    }

    private byte[] Tag(byte direction, long sequence, byte[] payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> prefix = stackalloc byte[9];
        prefix[0] = direction;
        BinaryPrimitives.WriteInt64LittleEndian(prefix[1..], sequence);
        hmac.AppendData(prefix);
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }

    public void Dispose() => stream.Dispose();
}
