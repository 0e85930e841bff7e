using CourseKit.Notebooks.Execution;

namespace CourseKit.Tests.Kernel;

/// <summary>
/// A stand-in for the C# engine that understands a few one-line commands, so the protocol tests do
/// not depend on Roslyn execution: <c>print T</c>, <c>spam N</c> (N lines, one output each),
/// <c>throw M</c>, <c>slowthrow M</c> (throws after 3 s, so a request sent behind it is surely queued), <c>display N</c> (a display then N updates), <c>result T</c>, <c>loop</c>
/// (prints "looping", then runs until cancelled), <c>hang</c> (prints "hanging", then ignores cancellation for 20 s), <c>set V</c> / <c>get</c> (state that a
/// restart must forget). Anything else succeeds with no output (e.g. C# declarations for completion tests).
/// </summary>
internal sealed class FakeSession : INotebookSession
{
    private int _count;
    private string _stored = "unset";

    public int Disposed { get; private set; }

    public async Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken = default)
    {
        int count = ++_count;
        var (verb, argument) = Split(code.Trim());
        switch (verb)
        {
            case "print":
                sink.Write(new StreamOutput("stdout", argument + "\n"));
                break;
            case "spam":
                for (int i = 0; i < int.Parse(argument); i++)
                    sink.Write(new StreamOutput("stdout", $"line {i}\n"));
                break;
            case "slowthrow":
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                goto case "throw";
            case "throw":
                var error = new ErrorOutput("System.InvalidOperationException", argument, ["System.InvalidOperationException: " + argument, "   at Cell 1, line 1"]);
                sink.Write(error);
                return new CellResult(false, error, TimeSpan.Zero, count);
            case "display":
                var id = "progress-" + count;
                sink.Write(new DisplayDataOutput(Text("step 0"), id));
                for (int step = 1; step <= int.Parse(argument); step++)
                    sink.Write(new UpdateDisplayDataOutput(Text($"step {step}"), id));
                break;
            case "result":
                sink.Write(new ExecuteResultOutput(new Dictionary<string, string> { ["text/plain"] = argument, ["application/json"] = "{\"value\": 42}" }, count));
                break;
            case "loop":
                sink.Write(new StreamOutput("stdout", "looping\n"));
                try
                {
                    while (true)
                        await Task.Delay(10, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    var stopped = new ErrorOutput("OperationCanceledException", "Cell interrupted", []);
                    sink.Write(stopped);
                    return new CellResult(false, stopped, TimeSpan.Zero, count);
                }
            case "hang":
                sink.Write(new StreamOutput("stdout", "hanging\n"));
                Thread.Sleep(TimeSpan.FromSeconds(20));
                break;
            case "set":
                _stored = argument;
                break;
            case "get":
                sink.Write(new StreamOutput("stdout", _stored));
                break;
        }
        return new CellResult(true, null, TimeSpan.Zero, count);
    }

    private static Dictionary<string, string> Text(string text) => new() { ["text/plain"] = text };

    private static (string Verb, string Argument) Split(string code)
    {
        int space = code.IndexOf(' ');
        return space < 0 ? (code, "") : (code[..space], code[(space + 1)..]);
    }

    public void Dispose() => Disposed++;
}
