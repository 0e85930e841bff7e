using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace CourseKit.Kernel.Protocol;

/// <summary>
/// The Jupyter wire format: <c>[identities…] &lt;IDS|MSG&gt; signature header parent_header metadata content [buffers…]</c>.
/// </summary>
public sealed class WireFormat
{
    /// <summary>The frame that separates routing identities from the message.</summary>
    public const string Delimiter = "<IDS|MSG>";

    private static readonly byte[] DelimiterBytes = Encoding.ASCII.GetBytes(Delimiter);
    private readonly MessageSigner _signer;

    /// <summary>A wire format that signs with <paramref name="signer"/>.</summary>
    public WireFormat(MessageSigner signer) => _signer = signer;

    /// <summary>The message as ZeroMQ frames, signed.</summary>
    public NetMQMessage Encode(JupyterMessage message)
    {
        var parts = new[] { message.Header, message.ParentHeader, message.Metadata, message.Content }
            .Select(part => Encoding.UTF8.GetBytes(part.ToJsonString()))
            .ToArray();
        var frames = new NetMQMessage();
        foreach (var identity in message.Identities)
            frames.Append(identity);
        frames.Append(DelimiterBytes);
        frames.Append(_signer.Sign(parts));
        foreach (var part in parts)
            frames.Append(part);
        foreach (var buffer in message.Buffers)
            frames.Append(buffer);
        return frames;
    }

    /// <summary>Reads and checks a received message.</summary>
    /// <exception cref="InvalidMessageException">Malformed, or the signature does not match (the message must not be acted on).</exception>
    public JupyterMessage Decode(NetMQMessage frames)
    {
        var all = frames.Select(f => f.ToByteArray()).ToList();
        int delimiter = all.FindIndex(f => f.AsSpan().SequenceEqual(DelimiterBytes));
        if (delimiter < 0)
            throw new InvalidMessageException($"no {Delimiter} delimiter among {all.Count} frames");
        if (all.Count < delimiter + 6)
            throw new InvalidMessageException($"{all.Count - delimiter - 1} frames after the delimiter; a message needs signature, header, parent_header, metadata and content");
        var signature = Encoding.ASCII.GetString(all[delimiter + 1]);
        var parts = all.GetRange(delimiter + 2, 4);
        if (!_signer.Verify(signature, parts))
            throw new InvalidMessageException("bad signature (the message was not signed with this kernel's key)");
        return new JupyterMessage(
            all.GetRange(0, delimiter),
            ParseObject(parts[0], "header"),
            ParseObject(parts[1], "parent_header"),
            ParseObject(parts[2], "metadata"),
            ParseObject(parts[3], "content"),
            all.GetRange(delimiter + 6, all.Count - delimiter - 6));
    }

    private static JsonObject ParseObject(byte[] utf8, string what)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject ?? throw new InvalidMessageException($"{what} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException($"{what} is not valid JSON: {e.Message}");
        }
    }
}
