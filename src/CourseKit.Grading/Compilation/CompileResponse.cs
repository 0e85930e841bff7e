namespace CourseKit.Grading.Compilation;

/// <summary>How the compiler process reports one answer: its assembly, or its errors.</summary>
internal static class CompileResponse
{
    /// <summary>The largest assembly the parent accepts from the compiler.</summary>
    public const int MaxAssemblyBytes = 16 * 1024 * 1024;

    /// <summary>Writes the result.</summary>
    public static void Write(BinaryWriter w, CompiledAnswer answer)
    {
        w.Write(answer.Succeeded);
        if (answer.Assembly is { } assembly)
        {
            w.Write(assembly.Length);
            w.Write(assembly);
        }
        else
        {
            CompileRequest.WriteList(w, answer.Errors);
        }
    }

    /// <summary>Reads a result for <paramref name="question"/>; errors are capped for the report.</summary>
    public static CompiledAnswer Read(BinaryReader r, string question)
    {
        if (r.ReadBoolean())
        {
            int length = r.ReadInt32();
            if (length is < 0 or > MaxAssemblyBytes) throw new InvalidDataException($"an assembly of {length} bytes is not accepted.");
            byte[] assembly = r.ReadBytes(length);
            if (assembly.Length != length) throw new EndOfStreamException();
            return new CompiledAnswer(question, assembly, []);
        }
        var errors = CompileRequest.ReadList(r).Take(5).Select(e => Reports.ReportText.Clean(e, 1000)).ToList();
        return new CompiledAnswer(question, null, errors);
    }
}
