using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace CourseKit.Kernel;

/// <summary>
/// Owns the iopub (PUB) socket on one thread; other threads queue messages. Consecutive <c>stream</c>
/// messages of the same request and stream are sent as one, so a cell that prints thousands of lines
/// sends a few large messages instead of thousands of small ones.
/// </summary>
internal sealed class IopubPublisher : IDisposable
{
    private const int MaxCoalescedChars = 64 * 1024;
    private readonly BlockingCollection<JupyterMessage> _queue = new();
    private readonly PublisherSocket _socket;
    private readonly WireFormat _wire;
    private readonly Thread _thread;
    private readonly TextWriter _log;

    public IopubPublisher(PublisherSocket socket, WireFormat wire, TextWriter log)
    {
        _socket = socket;
        _wire = wire;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "kernel iopub" };
        _thread.Start();
    }

    /// <summary>Queues a message for all subscribers.</summary>
    public void Publish(JupyterMessage message)
    {
        try
        {
            _queue.Add(message);
        }
        catch (InvalidOperationException)
        {
            // Stopped: the kernel is shutting down, late outputs are dropped.
        }
    }

    private void Run()
    {
        JupyterMessage? pending = null;
        foreach (var message in _queue.GetConsumingEnumerable())
        {
            var next = message;
            if (pending is not null && TryCoalesce(pending, next, out var merged))
            {
                pending = merged;
            }
            else
            {
                if (pending is not null)
                    Send(pending);
                pending = next;
            }
            // Send when nothing else is waiting (a stream is only held while more is queued right behind it).
            if (_queue.Count == 0)
            {
                Send(pending);
                pending = null;
            }
        }
        if (pending is not null)
            Send(pending);
    }

    private static bool TryCoalesce(JupyterMessage first, JupyterMessage second, out JupyterMessage merged)
    {
        merged = first;
        if (first.MessageType != "stream" || second.MessageType != "stream")
            return false;
        if (first.ParentHeader["msg_id"]?.ToString() != second.ParentHeader["msg_id"]?.ToString())
            return false;
        if (first.Content["name"]?.ToString() != second.Content["name"]?.ToString())
            return false;
        var text = first.Content["text"]?.GetValue<string>() ?? "";
        var more = second.Content["text"]?.GetValue<string>() ?? "";
        if (text.Length + more.Length > MaxCoalescedChars)
            return false;
        var content = (JsonObject)first.Content.DeepClone();
        content["text"] = text + more;
        merged = first with { Content = content };
        return true;
    }

    private void Send(JupyterMessage message)
    {
        try
        {
            var frames = _wire.Encode(message with { Identities = [Encoding.UTF8.GetBytes(message.MessageType)] });
            _socket.SendMultipartMessage(frames);
        }
        catch (Exception e)
        {
            _log.WriteLine($"[coursekit kernel] could not publish {message.MessageType}: {e.Message}");
        }
    }

    /// <summary>Sends what is queued, then stops the thread.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
