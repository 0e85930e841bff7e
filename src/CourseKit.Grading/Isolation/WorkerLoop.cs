using System.Net.Sockets;
using static TorchSharp.torch;

namespace CourseKit.Grading.Isolation;

/// <summary>
/// The child's side: connect to the parent's socket, authenticate with the key read from stdin, then load
/// answers and serve calls until told to stop. Student code runs only here.
/// </summary>
internal static class WorkerLoop
{
    /// <summary>Runs the worker; returns the process exit code.</summary>
    public static int Run(string socketPath)
    {
        // The key arrives as the first line on stdin; stdin is then closed to student code.
        string? line = Console.In.ReadLine();
        Console.SetIn(TextReader.Null);
        if (line is null) return 3;
        byte[] key = System.Convert.FromHexString(line.Trim());
        ProcessLimit.CapNewProcesses(headroom: 16);

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        using var channel = new SecureChannel(new NetworkStream(socket, ownsSocket: true), key, isParent: false);
        Array.Clear(key);
        var invoker = new AnswerInvoker();
        channel.Send(WorkerProtocol.Encode(MessageKind.Ready, _ => { }));

        while (true)
        {
            byte[] frame = channel.Receive();
            using var r = new BinaryReader(new MemoryStream(frame));
            switch ((MessageKind)r.ReadByte())
            {
                case MessageKind.Load:
                    string question = r.ReadString();
                    byte[] assembly = r.ReadBytes(r.ReadInt32());
                    string? error = invoker.Load(question, assembly);
                    channel.Send(WorkerProtocol.Encode(MessageKind.Loaded, w => { w.Write(question); w.Write(error ?? ""); }));
                    break;
                case MessageKind.Invoke:
                    var (id, call) = WorkerProtocol.DecodeInvocation(r);
                    channel.Send(Serve(invoker, id, call));
                    break;
                case MessageKind.Bye:
                    return 0;
                default:
                    return 4;
            }
        }
    }

    private static byte[] Serve(AnswerInvoker invoker, long id, Invocation call)
    {
        using var scope = NewDisposeScope();
        try
        {
            object? value = invoker.Invoke(call);
            byte[] encoded = ValueCodec.ToBytes(value);
            return WorkerProtocol.Encode(MessageKind.Result, w => { w.Write(id); w.Write(encoded.Length); w.Write(encoded); });
        }
        catch (Exception e)
        {
            return WorkerProtocol.Encode(MessageKind.Failed, w =>
            {
                w.Write(id);
                w.Write(e.GetType().Name);
                w.Write(WorkerProtocol.Cap(SafeMessage(e)));
            });
        }
    }

    private static string SafeMessage(Exception e)
    {
        try { return e.Message; }
        catch { return "(the exception's message itself threw)"; }
    }
}
