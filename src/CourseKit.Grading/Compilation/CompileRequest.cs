namespace CourseKit.Grading.Compilation;

/// <summary>One answer to compile, as the parent sends it to the compiler process.</summary>
/// <param name="Question">The question id.</param>
/// <param name="Source">The answer cell's source.</param>
/// <param name="ForbiddenCalls">TorchSharp members the answer may not call.</param>
/// <param name="Rules">What the answer may call.</param>
internal sealed record CompileRequest(string Question, string Source, IReadOnlyList<string> ForbiddenCalls, AnswerRules Rules)
{
    /// <summary>Writes the request.</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(Question);
        w.Write(Source);
        WriteList(w, ForbiddenCalls);
        w.Write(Rules.TorchMembers is not null);
        if (Rules.TorchMembers is not null) WriteList(w, Rules.TorchMembers);
        WriteList(w, Rules.KitNamespaces ?? []);
        w.Write(Rules.AnyDotNet);
    }

    /// <summary>Reads a request; <see cref="EndOfStreamException"/> when the stream has ended.</summary>
    public static CompileRequest Read(BinaryReader r)
    {
        string question = r.ReadString();
        string source = r.ReadString();
        var forbidden = ReadList(r);
        var torch = r.ReadBoolean() ? ReadList(r) : null;
        var kit = ReadList(r);
        bool anyDotNet = r.ReadBoolean();
        return new CompileRequest(question, source, forbidden, new AnswerRules(torch, kit, anyDotNet));
    }

    internal static void WriteList(BinaryWriter w, IReadOnlyList<string> items)
    {
        w.Write(items.Count);
        foreach (string item in items) w.Write(item);
    }

    internal static List<string> ReadList(BinaryReader r)
    {
        int count = r.ReadInt32();
        if (count is < 0 or > 10_000) throw new InvalidDataException($"a list of {count} strings is not allowed.");
        var items = new List<string>(count);
        for (int k = 0; k < count; k++) items.Add(r.ReadString());
        return items;
    }
}
