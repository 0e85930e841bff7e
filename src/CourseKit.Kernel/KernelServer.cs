using System.Text.Json.Nodes;
using CourseKit.Kernel.Intelligence;
using CourseKit.Kernel.Protocol;
using CourseKit.Notebooks.Execution;
using NetMQ;
using NetMQ.Sockets;

namespace CourseKit.Kernel;

/// <summary>
/// The kit's Jupyter kernel: serves the Jupyter messaging protocol 5.3 on the five sockets of a
/// connection file and runs cells through an <see cref="INotebookSession"/>.
/// </summary>
/// <remarks>
/// Threads: shell requests are served one at a time on the shell thread (a cell runs there until it
/// ends); control requests (interrupt, shutdown, kernel_info) on their own thread, so they are answered
/// while a cell runs; iopub and heartbeat have a thread each. Every message is checked against the
/// connection key; a message with a bad signature is logged and dropped, never acted on.
/// </remarks>
public sealed class KernelServer : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Func<INotebookSession> _sessionFactory;
    private readonly KernelOptions _options;
    private readonly TextWriter _log;
    private readonly WireFormat _wire;
    private readonly string _sessionId = Guid.NewGuid().ToString();
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopubSocket = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly IopubPublisher _iopub;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<KernelStop> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private readonly CodeIntelligence _intelligence = new();
    private readonly List<Thread> _threads = [];
    private readonly Lock _runningLock = new();
    private INotebookSession _session;
    private CancellationTokenSource? _running;
    private int _executionCount;
    private int _refused;
    private bool _disposed;

    /// <summary>Binds the sockets (ports 0 in <paramref name="connection"/> get free ports) and starts serving.</summary>
    /// <param name="connection">From the connection file.</param>
    /// <param name="sessionFactory">Makes a new C# session (at start and on every in-place restart).</param>
    /// <param name="options">Logging and restart behaviour.</param>
    public KernelServer(ConnectionInfo connection, Func<INotebookSession> sessionFactory, KernelOptions? options = null)
    {
        _sessionFactory = sessionFactory;
        _options = options ?? new KernelOptions();
        _log = TextWriter.Synchronized(_options.Log ?? new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });
        _wire = new WireFormat(new MessageSigner(connection.Key));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopubSocket, _heartbeat })
            socket.Options.Linger = TimeSpan.FromMilliseconds(500);
        Connection = connection with
        {
            ShellPort = Bind(_shell, connection, connection.ShellPort),
            IopubPort = Bind(_iopubSocket, connection, connection.IopubPort),
            StdinPort = Bind(_stdin, connection, connection.StdinPort),
            ControlPort = Bind(_control, connection, connection.ControlPort),
            HeartbeatPort = Bind(_heartbeat, connection, connection.HeartbeatPort),
        };
        _session = sessionFactory();
        _iopub = new IopubPublisher(_iopubSocket, _wire, _log);
        Start("kernel heartbeat", ServeHeartbeat);
        Start("kernel control", () => Serve(_control, HandleControl));
        Start("kernel shell", () => Serve(_shell, HandleShell));
        _iopub.Publish(Status("starting", parent: null));
    }

    /// <summary>The connection with the ports actually bound (write it for a client when ports were 0).</summary>
    public ConnectionInfo Connection { get; }

    /// <summary>Completes when a client asked the kernel to shut down (or <see cref="Dispose"/> was called).</summary>
    public Task<KernelStop> Stopped => _stopped.Task;

    /// <summary>How many received messages were refused (bad signature or malformed).</summary>
    public int RefusedMessages => Volatile.Read(ref _refused);

    /// <summary>Stops the running cell, if any (what an <c>interrupt_request</c> or SIGINT does).</summary>
    public void Interrupt()
    {
        lock (_runningLock)
            _running?.Cancel();
    }

    private static int Bind(NetMQSocket socket, ConnectionInfo connection, int port)
    {
        if (port != 0)
        {
            socket.Bind(connection.Endpoint(port));
            return port;
        }
        return socket.BindRandomPort($"{connection.Transport}://{connection.Ip}");
    }

    private void Start(string name, Action body)
    {
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                _log.WriteLine($"[coursekit kernel] {name} thread failed: {e}");
                Stop(new KernelStop(false));
            }
            catch (Exception)
            {
                // Sockets closing under a stopping kernel.
            }
        }) { IsBackground = true, Name = name };
        _threads.Add(thread);
        thread.Start();
    }

    private void ServeHeartbeat()
    {
        NetMQMessage? ping = null;
        while (!_stopping.IsCancellationRequested)
            if (_heartbeat.TryReceiveMultipartMessage(PollInterval, ref ping))
                _heartbeat.SendMultipartMessage(ping);
    }

    private void Serve(RouterSocket socket, Action<RouterSocket, JupyterMessage> handle)
    {
        NetMQMessage? frames = null;
        while (!_stopping.IsCancellationRequested)
        {
            if (!socket.TryReceiveMultipartMessage(PollInterval, ref frames))
                continue;
            if (DecodeOrRefuse(frames) is not { } request)
                continue;
            try
            {
                handle(socket, request);
            }
            catch (Exception e)
            {
                _log.WriteLine($"[coursekit kernel] {request.MessageType} failed: {e}");
            }
        }
    }

    private void HandleShell(RouterSocket socket, JupyterMessage request)
    {
        _iopub.Publish(Status("busy", request));
        try
        {
            switch (request.MessageType)
            {
                case "execute_request": Execute(socket, request); break;
                case "kernel_info_request": Reply(socket, request, "kernel_info_reply", KernelInfo.Reply()); break;
                case "is_complete_request": Reply(socket, request, "is_complete_reply", _intelligence.IsComplete(Code(request))); break;
                case "complete_request": Reply(socket, request, "complete_reply", _intelligence.Complete(Code(request), CursorPos(request))); break;
                case "inspect_request": Reply(socket, request, "inspect_reply", _intelligence.Inspect(Code(request), CursorPos(request))); break;
                case "comm_info_request": Reply(socket, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }); break;
                case "history_request": Reply(socket, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() }); break;
                case "shutdown_request": Shutdown(socket, request); break;
                case "comm_open" or "comm_msg" or "comm_close": break; // No comm targets: ignored, as the protocol allows.
                default: _log.WriteLine($"[coursekit kernel] ignored unknown shell message '{request.MessageType}'"); break;
            }
        }
        catch (Exception e) when (request.MessageType.EndsWith("_request", StringComparison.Ordinal) && e is not ObjectDisposedException)
        {
            // The client waits for a reply: it gets an error reply rather than silence.
            _log.WriteLine($"[coursekit kernel] {request.MessageType} failed: {e}");
            Reply(socket, request, request.MessageType.Replace("_request", "_reply"), new JsonObject
            {
                ["status"] = "error", ["ename"] = e.GetType().Name, ["evalue"] = e.Message, ["traceback"] = new JsonArray(),
            });
        }
        finally
        {
            _iopub.Publish(Status("idle", request));
        }
    }

    private void HandleControl(RouterSocket socket, JupyterMessage request)
    {
        _iopub.Publish(Status("busy", request));
        try
        {
            switch (request.MessageType)
            {
                case "interrupt_request":
                    Interrupt();
                    Reply(socket, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                    break;
                case "shutdown_request": Shutdown(socket, request); break;
                case "kernel_info_request": Reply(socket, request, "kernel_info_reply", KernelInfo.Reply()); break;
                default: _log.WriteLine($"[coursekit kernel] ignored unknown control message '{request.MessageType}'"); break;
            }
        }
        finally
        {
            _iopub.Publish(Status("idle", request));
        }
    }

    private void Execute(RouterSocket socket, JupyterMessage request)
    {
        var code = Code(request);
        bool silent = request.Content["silent"]?.GetValue<bool>() ?? false;
        bool stopOnError = request.Content["stop_on_error"]?.GetValue<bool>() ?? true;
        var sink = new IopubOutputSink(_iopub, request, _sessionId, silent);
        if (!silent)
            _iopub.Publish(JupyterMessage.Create("execute_input",
                new JsonObject { ["code"] = code, ["execution_count"] = _executionCount + 1 }, request, _sessionId, identities: []));

        var outcome = Run(code, sink);
        _executionCount = outcome.ExecutionCount;
        if (outcome.Error is { } error && !sink.SentError && !silent)
            _iopub.Publish(JupyterMessage.Create("error", IopubOutputSink.ErrorContent(error), request, _sessionId, identities: []));

        JsonObject reply;
        if (outcome.Error is null)
        {
            _intelligence.Record(code);
            reply = new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = outcome.ExecutionCount,
                ["payload"] = new JsonArray(),
                ["user_expressions"] = new JsonObject(),
            };
        }
        else
        {
            reply = IopubOutputSink.ErrorContent(outcome.Error);
            reply["status"] = "error";
            reply["execution_count"] = outcome.ExecutionCount;
        }
        Reply(socket, request, "execute_reply", reply);
        if (outcome.Error is not null && stopOnError)
            AbortQueuedExecutions(socket);
    }

    /// <summary>Runs a cell; an interrupted cell that does not stop within the grace period is abandoned.</summary>
    private CellResult Run(string code, IOutputSink sink)
    {
        using var cancel = new CancellationTokenSource();
        _sessionGate.Wait();
        try
        {
            lock (_runningLock)
                _running = cancel;
            var session = _session;
            var task = Task.Run(() => session.ExecuteAsync(code, sink, cancel.Token));
            try
            {
                WaitUnlessInterrupted(task, cancel.Token);
                if (task.IsCompleted)
                    return task.GetAwaiter().GetResult();
                _log.WriteLine($"[coursekit kernel] an interrupted cell did not stop within {_options.InterruptGrace.TotalSeconds:0} s; it is abandoned");
                return Failed(new ErrorOutput("KernelInterrupted",
                    $"The cell did not stop within {_options.InterruptGrace.TotalSeconds:0} s of the interrupt and keeps running in the background. Restart the kernel to end it.",
                    []));
            }
            catch (OperationCanceledException)
            {
                return Failed(new ErrorOutput("OperationCanceledException", "The cell was interrupted.", []));
            }
            catch (Exception e)
            {
                // The session itself failed (not the cell's code, which the session reports as an error output).
                return Failed(new ErrorOutput(e.GetType().FullName ?? "Exception", e.Message,
                    (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            }
        }
        finally
        {
            lock (_runningLock)
                _running = null;
            _sessionGate.Release();
        }
    }

    private CellResult Failed(ErrorOutput error) => new(false, error, TimeSpan.Zero, _executionCount + 1);

    private void WaitUnlessInterrupted(Task task, CancellationToken interrupted)
    {
        try
        {
            task.Wait(interrupted);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            task.Wait(_options.InterruptGrace);
        }
        catch (AggregateException)
        {
            // Surfaces through GetResult.
        }
    }

    /// <summary>Decodes a received message; one that fails its signature or format is counted, logged and dropped (null).</summary>
    private JupyterMessage? DecodeOrRefuse(NetMQMessage frames)
    {
        try
        {
            return _wire.Decode(frames);
        }
        catch (InvalidMessageException e)
        {
            Interlocked.Increment(ref _refused);
            _log.WriteLine($"[coursekit kernel] refused a message: {e.Message}");
            return null;
        }
    }

    /// <summary>After an error, execute requests already queued are answered "aborted", as ipykernel does.</summary>
    private void AbortQueuedExecutions(RouterSocket socket)
    {
        NetMQMessage? frames = null;
        while (socket.TryReceiveMultipartMessage(TimeSpan.Zero, ref frames))
        {
            if (DecodeOrRefuse(frames) is not { } queued)
                continue;
            if (queued.MessageType != "execute_request")
            {
                HandleShell(socket, queued);
                continue;
            }
            _iopub.Publish(Status("busy", queued));
            Reply(socket, queued, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });
            _iopub.Publish(Status("idle", queued));
        }
    }

    private void Shutdown(RouterSocket socket, JupyterMessage request)
    {
        bool restart = request.Content["restart"]?.GetValue<bool>() ?? false;
        if (restart && _options.RestartInPlace)
        {
            Interrupt();
            if (_sessionGate.Wait(_options.InterruptGrace + TimeSpan.FromSeconds(1)))
            {
                try
                {
                    _session.Dispose();
                    _session = _sessionFactory();
                    _executionCount = 0;
                    _intelligence.Reset();
                }
                finally
                {
                    _sessionGate.Release();
                }
            }
            else
            {
                _log.WriteLine("[coursekit kernel] restart: the running cell did not stop; a new session starts beside it");
                _session = _sessionFactory();
                _executionCount = 0;
                _intelligence.Reset();
            }
            Reply(socket, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = true });
            return;
        }
        Reply(socket, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        Interrupt();
        Stop(new KernelStop(restart));
    }

    private void Stop(KernelStop why)
    {
        if (_stopped.TrySetResult(why))
            _stopping.Cancel();
    }

    private void Reply(RouterSocket socket, JupyterMessage request, string type, JsonObject content) =>
        socket.SendMultipartMessage(_wire.Encode(JupyterMessage.Create(type, content, request, _sessionId)));

    private JupyterMessage Status(string state, JupyterMessage? parent) =>
        JupyterMessage.Create("status", new JsonObject { ["execution_state"] = state }, parent, _sessionId, identities: []);

    private static string Code(JupyterMessage request) => request.Content["code"]?.GetValue<string>() ?? "";

    private static int CursorPos(JupyterMessage request) =>
        request.Content["cursor_pos"]?.GetValue<int>() ?? Code(request).Length;

    /// <summary>Stops serving, closes the sockets and disposes the session.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Stop(new KernelStop(false));
        Interrupt();
        foreach (var thread in _threads)
            thread.Join(TimeSpan.FromSeconds(2));
        _iopub.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopubSocket, _heartbeat })
            socket.Dispose();
        if (_sessionGate.Wait(_options.InterruptGrace))
            _session.Dispose();
        _stopping.Dispose();
    }
}
