using System.Security.Cryptography;
using System.Text;

namespace CourseKit.Kernel.Protocol;

/// <summary>
/// Signs and checks messages: the signature is the hex HMAC-SHA256, under the connection key, of the
/// header, parent header, metadata and content frames in that order. An empty key means no signing.
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;

    /// <summary>A signer for the key from the connection file.</summary>
    public MessageSigner(string key) => _key = Encoding.UTF8.GetBytes(key);

    /// <summary>True when messages are signed (the key is not empty).</summary>
    public bool IsSigning => _key.Length > 0;

    /// <summary>The lowercase hex signature of the four frames (empty when not signing).</summary>
    public string Sign(IReadOnlyList<byte[]> frames)
    {
        if (!IsSigning)
            return "";
        return Convert.ToHexStringLower(Digest(frames));
    }

    /// <summary>True when <paramref name="signature"/> is the frames' signature (compared in constant time).</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> frames)
    {
        if (!IsSigning)
            return true;
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, Digest(frames));
    }

    private byte[] Digest(IReadOnlyList<byte[]> frames)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var frame in frames)
            hmac.AppendData(frame);
        return hmac.GetHashAndReset();
    }
}
