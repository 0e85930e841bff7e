namespace CourseKit.Grading.Isolation;

/// <summary>The messages parent and child exchange. Every message is one authenticated frame.</summary>
internal enum MessageKind : byte
{
    /// <summary>child → parent: started and connected.</summary>
    Ready = 1,
    /// <summary>parent → child: load one compiled answer (question id, assembly bytes).</summary>
    Load = 2,
    /// <summary>child → parent: the answer loaded (or why not).</summary>
    Loaded = 3,
    /// <summary>parent → child: call a method of a loaded answer with these arguments.</summary>
    Invoke = 4,
    /// <summary>child → parent: the values the call returned.</summary>
    Result = 5,
    /// <summary>child → parent: the call threw; the exception's type and (capped) message.</summary>
    Failed = 6,
    /// <summary>parent → child: exit.</summary>
    Bye = 7,
}

/// <summary>A call the parent asks the child to make.</summary>
/// <param name="Question">The answer (question id) whose code to call.</param>
/// <param name="Method">The method's name in the answer cell.</param>
/// <param name="Arguments">The arguments (tensors, numbers, strings).</param>
/// <param name="Seed">torch.manual_seed before the call, so answers that draw random numbers are reproducible.</param>
/// <param name="ApplyTo">When the method returns a module, the child returns module.forward(ApplyTo) in eval mode under no_grad.</param>
internal sealed record Invocation(string Question, string Method, object?[] Arguments, int Seed, TorchSharp.torch.Tensor? ApplyTo = null);

internal static class WorkerProtocol
{
    public const int MaxMessageChars = 2000;

    public static string Cap(string text, int max = MaxMessageChars) =>
        text.Length <= max ? text : text[..max] + $"… [{text.Length - max} more characters cut]";

    public static byte[] Encode(MessageKind kind, Action<BinaryWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write((byte)kind);
            body(w);
        }
        return stream.ToArray();
    }

    public static byte[] EncodeInvocation(long id, Invocation call) => Encode(MessageKind.Invoke, w =>
    {
        w.Write(id);
        w.Write(call.Question);
        w.Write(call.Method);
        w.Write(call.Seed);
        ValueCodec.Write(w, call.Arguments);
        ValueCodec.Write(w, call.ApplyTo);
    });

    public static (long Id, Invocation Call) DecodeInvocation(BinaryReader r)
    {
        long id = r.ReadInt64();
        string question = r.ReadString();
        string method = r.ReadString();
        int seed = r.ReadInt32();
        var args = (List<object?>)ValueCodec.Read(r)!;
        var applyTo = (TorchSharp.torch.Tensor?)ValueCodec.Read(r);
        return (id, new Invocation(question, method, args.ToArray(), seed, applyTo));
    }
}
