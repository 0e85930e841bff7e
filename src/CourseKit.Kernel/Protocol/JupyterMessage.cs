using System.Globalization;
using System.Text.Json.Nodes;

namespace CourseKit.Kernel.Protocol;

/// <summary>
/// One Jupyter message (protocol 5.3): routing identities, then header, parent header, metadata and
/// content (JSON objects), then optional binary buffers.
/// </summary>
/// <param name="Identities">ZeroMQ routing frames (ROUTER sockets) or the topic (PUB socket).</param>
/// <param name="Header">msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the request this message answers (empty for none).</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="Content">The message body; its shape depends on msg_type.</param>
/// <param name="Buffers">Extra binary frames.</param>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The message type, e.g. <c>execute_request</c>.</summary>
    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>The message id.</summary>
    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>Creates a message with a fresh header.</summary>
    /// <param name="messageType">msg_type.</param>
    /// <param name="content">The body.</param>
    /// <param name="parent">The request it answers (its header becomes the parent header), or null.</param>
    /// <param name="session">The sender's session id.</param>
    /// <param name="identities">Routing identities (the parent's, for replies).</param>
    public static JupyterMessage Create(string messageType, JsonObject content, JupyterMessage? parent, string session,
        IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [],
            NewHeader(messageType, session),
            parent is null ? [] : (JsonObject)parent.Header.DeepClone(),
            [],
            content,
            []);

    /// <summary>A fresh header: a new msg_id, the time now (UTC, ISO 8601), protocol 5.3.</summary>
    public static JsonObject NewHeader(string messageType, string session, string username = "kernel") => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["session"] = session,
        ["username"] = username,
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = messageType,
        ["version"] = ProtocolVersion,
    };
}
