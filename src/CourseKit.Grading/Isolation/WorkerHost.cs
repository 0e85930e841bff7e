using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CourseKit.Grading.Isolation;

/// <summary>
/// The parent's handle on one sandboxed child: starts it (no network, own PID namespace, as <c>nobody</c>, memory,
/// process and file-size caps, a working folder holding nothing but itself), sends it the compiled answers,
/// makes calls with a watchdog, and kills the whole process tree when done or when a call runs over.
/// </summary>
internal sealed class WorkerHost : IAnswerRunner
{
    private const int Nobody = 65534;
    private readonly SandboxOptions options;
    private readonly Process process;
    private readonly SecureChannel channel;
    private readonly Socket listener;
    private readonly string runDirectory;
    private readonly Dictionary<string, string> loadErrors = new();
    private long nextId;
    private string lastReceiveError = "";
    private bool dead;

    /// <summary>Everything the child printed, capped.</summary>
    public CappedOutput Output { get; }

    /// <summary>How the child is isolated, for the report ("namespaces, nobody, …" or why not).</summary>
    public string Isolation { get; }

    public IReadOnlyDictionary<string, string> LoadErrors => loadErrors;

    public bool Alive => !dead && !process.HasExited;

    private WorkerHost(SandboxOptions options, Process process, SecureChannel channel, Socket listener,
        string runDirectory, CappedOutput output, string isolation)
    {
        this.options = options;
        this.process = process;
        this.channel = channel;
        this.listener = listener;
        this.runDirectory = runDirectory;
        Output = output;
        Isolation = isolation;
    }

    /// <summary>Starts a fresh child and loads the answers into it.</summary>
    public static WorkerHost Start(SandboxOptions options, IReadOnlyDictionary<string, byte[]> answers, CappedOutput? output = null)
    {
        string worker = options.WorkerPath ?? Path.Combine(AppContext.BaseDirectory, "CourseKit.GradingWorker.dll");
        if (!File.Exists(worker))
            throw new FileNotFoundException($"The grading worker {worker} is missing; build src/CourseKit.GradingWorker (the CLI references it).", worker);

        string run = Directory.CreateTempSubdirectory("coursekit-grade-").FullName;
        string work = Directory.CreateDirectory(Path.Combine(run, "work")).FullName;
        string cache = Directory.CreateDirectory(Path.Combine(run, "cache")).FullName;
        string socketPath = Path.Combine(run, "channel.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);

        string why = "switched off in the options";
        bool sandbox = options.UseNamespaces && Sandbox.Available(out why);
        string isolation = sandbox
            ? "own network namespace (no network), own PID namespace and /proc, private /tmp and /dev/shm, user nobody, hidden sources, submissions and reports, rlimits on memory/processes/files"
            : $"plain child process (namespaces unavailable: {why}); memory watchdog and time limits still apply";
        if (sandbox && !OperatingSystem.IsWindows()) Sandbox.PrepareFolders(run, work, cache, socketPath, Nobody);

        var start = sandbox
            ? Sandbox.Command(options, Path.GetDirectoryName(worker)!, Path.GetFileName(worker), run, Nobody)
            : new ProcessStartInfo(Sandbox.DotnetHost()) { ArgumentList = { worker, socketPath } };
        start.WorkingDirectory = work;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Sandbox.SetEnvironment(start, options, work, cache);

        output ??= new CappedOutput(options.OutputCapBytes);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the grading worker.");
        output.Drain(process.StandardOutput.BaseStream);
        output.Drain(process.StandardError.BaseStream);

        byte[] key = SecureChannel.NewKey();
        process.StandardInput.WriteLine(Convert.ToHexString(key));
        process.StandardInput.Close();

        Socket connection;
        try
        {
            var accept = listener.AcceptAsync();
            if (!accept.Wait(options.StartTimeout) || process.HasExited)
                throw new TimeoutException($"the grading worker did not start within {options.StartTimeout.TotalSeconds:0} s. Its output:\n{output}");
            connection = accept.Result;
        }
        catch
        {
            // A worker that never connected leaves nothing behind: its process, socket and run folder go now.
            KillTree(process);
            process.Dispose();
            listener.Dispose();
            DeleteRunDirectory(run);
            throw;
        }
        var channel = new SecureChannel(new NetworkStream(connection, ownsSocket: true), key, isParent: true, options.MaxReplyBytes);
        var host = new WorkerHost(options, process, channel, listener, run, output, isolation);
        try
        {
            host.ExpectReady();
            foreach (var (question, assembly) in answers) host.Load(question, assembly);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    private void ExpectReady()
    {
        var frame = ReceiveWithin(options.StartTimeout) ?? throw new InvalidOperationException(
            $"the grading worker exited before it was ready ({lastReceiveError}). Its output:\n{Output}");
        if (frame.Length == 0 || (MessageKind)frame[0] != MessageKind.Ready) throw new InvalidDataException("the worker's first message was not Ready.");
    }

    private void Load(string question, byte[] assembly)
    {
        try
        {
            channel.Send(WorkerProtocol.Encode(MessageKind.Load, w => { w.Write(question); w.Write(assembly.Length); w.Write(assembly); }));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            loadErrors[question] = "the child had stopped before this answer could be loaded.";
            return;
        }
        byte[]? frame = ReceiveWithin(TimeSpan.FromSeconds(30));
        if (frame is null) { loadErrors[question] = "the child died while loading this answer (a static constructor or field initializer crashed it?)"; return; }
        if (ReadLoaded(frame) is { } error)
        {
            if (error.Violation) Kill();
            loadErrors[question] = WorkerProtocol.Cap(error.Message);
        }
    }

    /// <summary>The child's answer to a Load: null when the answer loaded, else why not (and whether the frame broke the protocol).</summary>
    internal static (string Message, bool Violation)? ReadLoaded(byte[] frame)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(frame));
            var kind = (MessageKind)r.ReadByte();
            if (kind != MessageKind.Loaded) return (Violation($"a {kind} message came where Loaded was expected"), true);
            _ = r.ReadString(); // the question, as the child read it; the parent keeps its own
            string error = r.ReadString();
            return error.Length == 0 ? null : (error, false);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            return (Violation($"a malformed Loaded message ({e.GetType().Name})"), true);
        }
    }

    private static string Violation(string what) =>
        $"the child broke the grading protocol: {what}; it was stopped, and the remaining checks run in a fresh one.";

    public CallOutcome Call(Invocation call, TimeSpan limit)
    {
        if (!Alive) return new Crashed("the child process had already stopped.");
        long id = nextId++;
        try
        {
            channel.Send(WorkerProtocol.EncodeInvocation(id, call));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return Died("the child process stopped before the call could be sent");
        }
        var receive = Task.Run(channel.Receive);
        var clock = Stopwatch.StartNew();
        while (Task.WaitAny([receive], TimeSpan.FromMilliseconds(50)) < 0)
        {
            long resident = Sandbox.ResidentBytes(process.Id);
            if (resident > options.MemoryLimitBytes)
            {
                Kill();
                return new Crashed($"used {resident / (1024 * 1024)} MiB, more than the {options.MemoryLimitBytes / (1024 * 1024)} MiB memory limit; the child was stopped.");
            }
            if (clock.Elapsed > limit)
            {
                Kill();
                return new TimedOut(limit);
            }
        }
        if (receive.IsFaulted) return ReceiveFailed(receive.Exception.InnerException);
        var outcome = ReadReply(receive.Result, id);
        if (outcome is ProtocolViolation) Kill();
        return outcome;
    }

    /// <summary>An oversized or unauthenticated frame is a protocol violation; a closed channel means the child died.</summary>
    private CallOutcome ReceiveFailed(Exception? error)
    {
        if (error is not InvalidDataException) return Died("the child process stopped during the call");
        Kill();
        return new ProtocolViolation(Violation(error.Message.TrimEnd('.')));
    }

    private CallOutcome Died(string what)
    {
        Kill();
        string exit = process.HasExited ? Describe(process.ExitCode) : "";
        return new Crashed($"{what}{exit} (stack overflow, Environment.Exit, FailFast, a crash in native code or the memory cap); no value was returned.");
    }

    private static string Describe(int exitCode) => exitCode switch
    {
        134 => ", aborted (SIGABRT: .NET's stack overflow or FailFast)",
        > 128 and < 160 => $", killed by signal {exitCode - 128}",
        _ => $", exit code {exitCode}",
    };

    /// <summary>
    /// The outcome of call <paramref name="id"/> from the child's reply. Never throws: a reply to another call, a message
    /// of the wrong kind, a truncated frame or a value that cannot be decoded is a <see cref="ProtocolViolation"/>.
    /// </summary>
    internal static CallOutcome ReadReply(byte[] frame, long id)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(frame));
            var kind = (MessageKind)r.ReadByte();
            if (kind is not (MessageKind.Result or MessageKind.Failed))
                return new ProtocolViolation(Violation($"a {kind} message came where the result of a call was expected"));
            long answered = r.ReadInt64();
            if (answered != id) return new ProtocolViolation(Violation($"it answered call {answered} while call {id} was waiting"));
            if (kind == MessageKind.Failed)
                return new Threw(WorkerProtocol.Cap(r.ReadString(), 200), WorkerProtocol.Cap(r.ReadString()));
            int length = r.ReadInt32();
            if (length < 0 || length > frame.Length - r.BaseStream.Position)
                return new ProtocolViolation(Violation($"a result claims {length} bytes its message does not hold"));
            return new Returned(ValueCodec.Read(r));
        }
        catch (Exception e)
        {
            return new ProtocolViolation(Violation($"a malformed result ({e.GetType().Name}: {WorkerProtocol.Cap(e.Message, 200).TrimEnd('.')})"));
        }
    }

    private byte[]? ReceiveWithin(TimeSpan limit)
    {
        var receive = Task.Run(channel.Receive);
        try
        {
            return receive.Wait(limit) ? receive.Result : null;
        }
        catch (AggregateException e)
        {
            lastReceiveError = e.InnerException?.Message ?? e.Message;
            return null;
        }
    }

    private void Kill()
    {
        dead = true;
        KillTree(process);
        channel.Dispose();
    }

    private static void KillTree(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit(5000);
    }

    public void Dispose()
    {
        if (Alive)
        {
            try { channel.Send(WorkerProtocol.Encode(MessageKind.Bye, _ => { })); } catch (Exception) { }
            if (!process.WaitForExit(2000)) KillTree(process);
        }
        dead = true;
        KillTree(process);
        channel.Dispose();
        listener.Dispose();
        process.Dispose();
        DeleteRunDirectory(runDirectory);
    }

    private static void DeleteRunDirectory(string run)
    {
        try { Directory.Delete(run, recursive: true); } catch (Exception) { }
    }
}
