using System.Text.Json.Nodes;
using CourseKit.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace CourseKit.Tests.Kernel;

/// <summary>A minimal Jupyter client over NetMQ for the protocol tests (shell, control, iopub, heartbeat).</summary>
internal sealed class KernelTestClient : IDisposable
{
    private readonly DealerSocket _shell = new();
    private readonly DealerSocket _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly RequestSocket _heartbeat = new();
    private readonly WireFormat _wire;
    private readonly List<JupyterMessage> _iopubSeen = [];
    private readonly string _session = Guid.NewGuid().ToString();

    public KernelTestClient(ConnectionInfo connection, string? key = null)
    {
        _wire = new WireFormat(new MessageSigner(key ?? connection.Key));
        _shell.Connect(connection.Endpoint(connection.ShellPort));
        _control.Connect(connection.Endpoint(connection.ControlPort));
        _iopub.Connect(connection.Endpoint(connection.IopubPort));
        _iopub.SubscribeToAnyTopic();
        _heartbeat.Connect(connection.Endpoint(connection.HeartbeatPort));
    }

    public DealerSocket Shell => _shell;

    public DealerSocket Control => _control;

    /// <summary>Sends kernel_info requests until iopub delivers (the PUB/SUB subscription takes a moment).</summary>
    public void WaitForReady()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var id = Send(_shell, "kernel_info_request", []);
            Reply(_shell, id);
            if (TryNextIopub(TimeSpan.FromMilliseconds(300), out _))
            {
                _iopubSeen.Clear();
                Drain();
                return;
            }
        }
        throw new TimeoutException("The kernel's iopub channel never delivered a message.");
    }

    public string Send(DealerSocket socket, string type, JsonObject content, WireFormat? wire = null)
    {
        var message = JupyterMessage.Create(type, content, parent: null, _session);
        socket.SendMultipartMessage((wire ?? _wire).Encode(message));
        return message.MessageId;
    }

    public string Execute(string code, bool stopOnError = true) =>
        Send(_shell, "execute_request", new JsonObject
        {
            ["code"] = code, ["silent"] = false, ["store_history"] = true,
            ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false, ["stop_on_error"] = stopOnError,
        });

    /// <summary>The reply to <paramref name="requestId"/>, or a TimeoutException.</summary>
    public JupyterMessage Reply(DealerSocket socket, string requestId, TimeSpan? timeout = null)
        => TryReply(socket, requestId, timeout ?? TimeSpan.FromSeconds(20)) ?? throw new TimeoutException($"No reply to {requestId}.");

    public JupyterMessage? TryReply(DealerSocket socket, string requestId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        NetMQMessage? frames = null;
        while (DateTime.UtcNow < deadline)
        {
            if (!socket.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(50), ref frames))
                continue;
            var message = _wire.Decode(frames);
            if (message.ParentHeader["msg_id"]?.ToString() == requestId)
                return message;
        }
        return null;
    }

    /// <summary>Every iopub message for <paramref name="requestId"/>, up to and including its idle status.</summary>
    public List<JupyterMessage> IopubUntilIdle(string requestId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var result = _iopubSeen.Where(m => ParentId(m) == requestId).ToList();
        if (result.Any(IsIdle))
            return result;
        while (DateTime.UtcNow < deadline)
        {
            if (!TryNextIopub(TimeSpan.FromMilliseconds(50), out var message))
                continue;
            if (ParentId(message) != requestId)
                continue;
            result.Add(message);
            if (IsIdle(message))
                return result;
        }
        throw new TimeoutException($"No idle status for {requestId}; got {string.Join(", ", result.Select(m => m.MessageType))}.");
    }

    /// <summary>
    /// Waits until the cell <paramref name="requestId"/> has written a stream output, i.e. it is surely running (a fixed
    /// sleep is not enough on a loaded CI machine: an interrupt sent before the cell starts has nothing to stop).
    /// </summary>
    public void WaitUntilRunning(string requestId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        bool IsStreamOfRequest(JupyterMessage m) => m.MessageType == "stream" && ParentId(m) == requestId;
        while (!_iopubSeen.Any(IsStreamOfRequest))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The cell {requestId} never wrote its first output.");
            TryNextIopub(TimeSpan.FromMilliseconds(50), out _);
        }
    }

    /// <summary>All iopub messages that arrive within <paramref name="window"/>.</summary>
    public List<JupyterMessage> IopubWithin(TimeSpan window)
    {
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
            TryNextIopub(TimeSpan.FromMilliseconds(50), out _);
        return [.. _iopubSeen];
    }

    public byte[]? Ping(byte[] payload, TimeSpan timeout)
    {
        _heartbeat.SendFrame(payload);
        return _heartbeat.TryReceiveFrameBytes(timeout, out var echo) ? echo : null;
    }

    private bool TryNextIopub(TimeSpan timeout, out JupyterMessage message)
    {
        NetMQMessage? frames = null;
        message = null!;
        if (!_iopub.TryReceiveMultipartMessage(timeout, ref frames))
            return false;
        message = _wire.Decode(frames);
        _iopubSeen.Add(message);
        return true;
    }

    private void Drain()
    {
        while (TryNextIopub(TimeSpan.FromMilliseconds(100), out _)) { }
        _iopubSeen.Clear();
    }

    public static string? ParentId(JupyterMessage m) => m.ParentHeader["msg_id"]?.ToString();

    private static bool IsIdle(JupyterMessage m) =>
        m.MessageType == "status" && m.Content["execution_state"]?.ToString() == "idle";

    public void Dispose()
    {
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub, _heartbeat })
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Dispose();
        }
    }
}
