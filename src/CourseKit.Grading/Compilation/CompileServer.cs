namespace CourseKit.Grading.Compilation;

/// <summary>
/// The compiler's side of <see cref="CompilerProcess"/>: reads compile requests from a stream and writes each
/// answer's assembly or errors back, until the stream ends. It runs in its own process, so a compile bomb (a stack
/// overflow in the parser, minutes of overload resolution, gigabytes of memory) kills or stalls only it.
/// </summary>
internal static class CompileServer
{
    /// <summary>The compiler thread's stack: explicit, so the limit does not depend on the host's ulimit.</summary>
    public const int StackBytes = 16 * 1024 * 1024;

    /// <summary>Serves requests until <paramref name="input"/> ends; returns the exit code.</summary>
    public static int Run(Stream input, Stream output)
    {
        using var reader = new BinaryReader(input);
        using var writer = new BinaryWriter(output);
        while (true)
        {
            CompileRequest request;
            try { request = CompileRequest.Read(reader); }
            catch (EndOfStreamException) { return 0; }
            CompileResponse.Write(writer, CompileOnOwnStack(request));
            writer.Flush();
        }
    }

    private static CompiledAnswer CompileOnOwnStack(CompileRequest request)
    {
        CompiledAnswer? result = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = AnswerCompiler.CompileHere(request.Question, request.Source, request.ForbiddenCalls, request.Rules);
            }
            catch (Exception e) when (e is InsufficientExecutionStackException or OutOfMemoryException)
            {
                result = new CompiledAnswer(request.Question, null,
                    [$"the compiler gave up on this answer ({e.GetType().Name}): it nests too deeply or is too large; simplify it."]);
            }
        }, StackBytes);
        thread.Start();
        thread.Join();
        return result!;
    }
}
