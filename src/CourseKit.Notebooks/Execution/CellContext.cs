using System.Text;

namespace CourseKit.Notebooks.Execution;

/// <summary>
/// The cell running now and the sink its outputs go to. The engine runs one cell at a time per process
/// (Console is process-wide), so this is static; <see cref="Gate"/> serialises sessions in one process.
/// </summary>
internal static class CellContext
{
    /// <summary>Held while a cell runs, so two sessions in one process never interleave Console output.</summary>
    public static readonly SemaphoreSlim Gate = new(1, 1);

    private static readonly object Lock = new();
    private static IOutputSink? current;
    private static IOutputSink? last;

    /// <summary>Sends an output to the running cell (or, between cells, to the last cell that ran).</summary>
    public static void Write(NotebookOutput output)
    {
        lock (Lock)
        {
            ConsoleCapture.FlushAll();
            (current ?? last)?.Write(output);
        }
    }

    public static void Enter(IOutputSink sink)
    {
        lock (Lock) current = sink;
    }

    public static void Leave()
    {
        lock (Lock)
        {
            last = current;
            current = null;
        }
    }
}

/// <summary>
/// A writer that turns Console output into stream outputs, a line at a time (and whatever is left when the
/// cell ends), so stdout, stderr and displays stay in the order they happened.
/// </summary>
internal sealed class ConsoleCapture(string name, IOutputSink sink) : TextWriter
{
    private static readonly List<ConsoleCapture> Active = [];
    private readonly StringBuilder pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Redirects Console.Out and Console.Error to <paramref name="sink"/> until disposed.</summary>
    public static IDisposable Redirect(IOutputSink sink)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var stdout = new ConsoleCapture("stdout", sink);
        var stderr = new ConsoleCapture("stderr", sink);
        lock (Active) Active.AddRange([stdout, stderr]);
        Console.SetOut(TextWriter.Synchronized(stdout));
        Console.SetError(TextWriter.Synchronized(stderr));
        return new Restore(() =>
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            lock (Active) Active.Clear();
            stdout.Emit();
            stderr.Emit();
        });
    }

    /// <summary>Emits what the captured streams hold (before a display, to keep the order).</summary>
    public static void FlushAll()
    {
        lock (Active) foreach (var capture in Active) capture.Emit();
    }

    public override void Write(char value)
    {
        lock (pending)
        {
            pending.Append(value);
            if (value != '\n') return;
        }
        Emit();
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (pending)
        {
            pending.Append(value);
            if (!value.Contains('\n')) return;
        }
        Emit();
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush() => Emit();

    private void Emit()
    {
        string text;
        lock (pending)
        {
            if (pending.Length == 0) return;
            text = pending.ToString();
            pending.Clear();
        }
        sink.Write(new StreamOutput(name, text));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
