using System.Diagnostics;
using System.Globalization;
using CourseKit.Grading.Isolation;

namespace CourseKit.Grading.Compilation;

/// <summary>
/// Compiles a submission's answers in a separate process (<c>CourseKit.GradingWorker compile</c>) with a time limit per
/// answer, a managed-heap cap and a fixed compiler stack. A compile bomb costs only its answer: when the compiler
/// crashes or runs over on one, that answer fails with the reason and a fresh compiler takes the next.
/// </summary>
internal sealed class CompilerProcess : IDisposable
{
    private readonly Process process;
    private readonly BinaryWriter toCompiler;
    private readonly BinaryReader fromCompiler;

    private CompilerProcess(Process process)
    {
        this.process = process;
        toCompiler = new BinaryWriter(process.StandardInput.BaseStream);
        fromCompiler = new BinaryReader(process.StandardOutput.BaseStream);
    }

    /// <summary>Whether it can take another answer.</summary>
    public bool Alive => !process.HasExited;

    /// <summary>Starts a compiler process from the grading worker's assembly.</summary>
    public static CompilerProcess Start(string workerPath, long memoryBytes)
    {
        var start = new ProcessStartInfo(Sandbox.DotnetHost())
        {
            ArgumentList = { workerPath, "compile" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(workerPath)!,
        };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + memoryBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the compiler process.");
        new CappedOutput(4096).Drain(process.StandardError.BaseStream);
        return new CompilerProcess(process);
    }

    /// <summary>
    /// Compiles one answer within <paramref name="limit"/>. Never throws for what the answer holds: a crash or a
    /// timeout becomes a failed answer whose error says what happened, and this compiler is stopped.
    /// </summary>
    public CompiledAnswer Compile(CompileRequest request, TimeSpan limit)
    {
        var reply = Task.Run(() =>
        {
            request.Write(toCompiler);
            toCompiler.Flush();
            return CompileResponse.Read(fromCompiler, request.Question);
        });
        bool finished;
        try { finished = reply.Wait(limit); }
        catch (AggregateException) { finished = true; }
        if (!finished)
        {
            Stop();
            return Failed(request, $"compiling it took more than {limit.TotalSeconds:0} s (deeply nested generic types, lambdas or overloads?); the compiler was stopped. Simplify this answer.");
        }
        if (reply.IsFaulted)
        {
            Stop();
            string exit = process.HasExited ? $" (exit code {process.ExitCode}{(process.ExitCode == 134 ? ": a stack overflow, from nesting too deep?" : "")})" : "";
            return Failed(request, $"the compiler stopped on this answer{exit}. Simplify it: fewer nested parentheses, generics or lambdas.");
        }
        return reply.Result;
    }

    private static CompiledAnswer Failed(CompileRequest request, string why) => new(request.Question, null, ["cell: " + why]);

    private void Stop()
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit(5000);
    }

    /// <summary>Closes the compiler's input (it exits) and makes sure it is gone.</summary>
    public void Dispose()
    {
        try { toCompiler.Dispose(); } catch (IOException) { }
        if (!process.WaitForExit(2000)) Stop();
        process.Dispose();
    }
}
