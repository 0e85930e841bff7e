using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Kernel;
using CourseKit.Kernel.Protocol;

namespace CourseKit.Tests.Kernel;

/// <summary>The kernel's Jupyter protocol, driven over loopback TCP by a small NetMQ client against a fake session.</summary>
public sealed class KernelProtocolTests : IDisposable
{
    private readonly StringWriter _log = new();
    private readonly List<FakeSession> _sessions = [];
    private readonly KernelServer _kernel;
    private readonly KernelTestClient _client;

    public KernelProtocolTests()
    {
        _kernel = new KernelServer(ConnectionInfo.Loopback(), NewSession,
            new KernelOptions { Log = _log, RestartInPlace = true, InterruptGrace = TimeSpan.FromSeconds(1) });
        _client = new KernelTestClient(_kernel.Connection);
        _client.WaitForReady();
    }

    private FakeSession NewSession()
    {
        var session = new FakeSession();
        _sessions.Add(session);
        return session;
    }

    [Fact]
    public void Kernel_info_reply_speaks_protocol_5_3_and_csharp()
    {
        var id = _client.Send(_client.Shell, "kernel_info_request", []);
        var reply = _client.Reply(_client.Shell, id);

        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal("5.3", reply.Content["protocol_version"]!.ToString());
        Assert.Equal("C#", reply.Content["language_info"]!["name"]!.ToString());
        Assert.Equal(".cs", reply.Content["language_info"]!["file_extension"]!.ToString());
        Assert.Equal("text/x-csharp", reply.Content["language_info"]!["mimetype"]!.ToString());
        var states = _client.IopubUntilIdle(id).Where(m => m.MessageType == "status").Select(m => m.Content["execution_state"]!.ToString());
        Assert.Equal(["busy", "idle"], states);
    }

    [Fact]
    public void Execute_publishes_busy_input_stream_idle_and_replies_with_the_count()
    {
        var first = _client.Execute("print hello");
        var reply = _client.Reply(_client.Shell, first);
        var iopub = _client.IopubUntilIdle(first);

        Assert.Equal("ok", reply.Content["status"]!.ToString());
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Equal(["status", "execute_input", "stream", "status"], iopub.Select(m => m.MessageType));
        Assert.Equal("busy", iopub[0].Content["execution_state"]!.ToString());
        Assert.Equal("print hello", iopub[1].Content["code"]!.ToString());
        Assert.Equal(1, iopub[1].Content["execution_count"]!.GetValue<int>());
        Assert.Equal("stdout", iopub[2].Content["name"]!.ToString());
        Assert.Equal("hello\n", iopub[2].Content["text"]!.ToString());

        var second = _client.Execute("print again");
        Assert.Equal(2, _client.Reply(_client.Shell, second).Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void A_message_with_a_bad_signature_is_refused_logged_and_never_executed()
    {
        var forged = new WireFormat(new MessageSigner("not-the-key"));
        var id = _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "set forged", ["silent"] = false }, forged);

        Assert.Null(_client.TryReply(_client.Shell, id, TimeSpan.FromSeconds(1.5)));
        Assert.DoesNotContain(_client.IopubWithin(TimeSpan.FromMilliseconds(300)), m => KernelTestClient.ParentId(m) == id);
        Assert.Equal(1, _kernel.RefusedMessages);
        Assert.Contains("bad signature", _log.ToString());

        // The forged "set" never ran: the session still holds its initial value.
        var get = _client.Execute("get");
        _client.Reply(_client.Shell, get);
        Assert.Equal("unset", StreamText(_client.IopubUntilIdle(get)));
    }

    [Fact]
    public void An_exception_is_an_error_output_and_an_error_reply_and_the_kernel_goes_on()
    {
        var id = _client.Execute("throw boom");
        var reply = _client.Reply(_client.Shell, id);
        var errors = _client.IopubUntilIdle(id).Where(m => m.MessageType == "error").ToList();

        Assert.Equal("error", reply.Content["status"]!.ToString());
        Assert.Equal("System.InvalidOperationException", reply.Content["ename"]!.ToString());
        Assert.Equal("boom", reply.Content["evalue"]!.ToString());
        var error = Assert.Single(errors);
        Assert.Equal("boom", error.Content["evalue"]!.ToString());
        Assert.Equal(2, error.Content["traceback"]!.AsArray().Count);

        var next = _client.Execute("print still alive");
        Assert.Equal("ok", _client.Reply(_client.Shell, next).Content["status"]!.ToString());
    }

    [Fact]
    public void After_an_error_queued_executions_are_aborted()
    {
        // The failing cell takes 3 s, so the second request is in the kernel's queue when the error ends the first
        // (a cell that fails at once can finish before a loaded machine has even delivered the second request).
        var failing = _client.Execute("slowthrow first");
        var queued = _client.Execute("print never");
        Assert.Equal("error", _client.Reply(_client.Shell, failing).Content["status"]!.ToString());
        Assert.Equal("aborted", _client.Reply(_client.Shell, queued).Content["status"]!.ToString());
        Assert.DoesNotContain(_client.IopubUntilIdle(queued), m => m.MessageType == "stream");
    }

    [Fact]
    public void A_cell_that_prints_twenty_thousand_lines_delivers_every_line_in_order()
    {
        var id = _client.Execute("spam 20000");
        Assert.Equal("ok", _client.Reply(_client.Shell, id).Content["status"]!.ToString());
        var streams = _client.IopubUntilIdle(id).Where(m => m.MessageType == "stream").ToList();

        var expected = string.Concat(Enumerable.Range(0, 20000).Select(i => $"line {i}\n"));
        Assert.Equal(expected, StreamText(streams));
    }

    [Fact]
    public void Display_updates_go_out_as_update_display_data_with_the_transient_display_id()
    {
        var id = _client.Execute("display 3");
        _client.Reply(_client.Shell, id);
        var iopub = _client.IopubUntilIdle(id);

        var display = Assert.Single(iopub, m => m.MessageType == "display_data");
        var displayId = display.Content["transient"]!["display_id"]!.ToString();
        Assert.Equal("step 0", display.Content["data"]!["text/plain"]!.ToString());
        var updates = iopub.Where(m => m.MessageType == "update_display_data").ToList();
        Assert.Equal(["step 1", "step 2", "step 3"], updates.Select(u => u.Content["data"]!["text/plain"]!.ToString()));
        Assert.All(updates, u => Assert.Equal(displayId, u.Content["transient"]!["display_id"]!.ToString()));
    }

    [Fact]
    public void Execute_result_carries_the_count_and_embeds_json_mime_types_as_json()
    {
        var id = _client.Execute("result forty-two");
        _client.Reply(_client.Shell, id);
        var result = Assert.Single(_client.IopubUntilIdle(id), m => m.MessageType == "execute_result");

        Assert.Equal(1, result.Content["execution_count"]!.GetValue<int>());
        Assert.Equal("forty-two", result.Content["data"]!["text/plain"]!.ToString());
        Assert.Equal(42, result.Content["data"]!["application/json"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public void Interrupt_on_the_control_channel_stops_the_running_cell_and_the_kernel_survives()
    {
        var id = _client.Execute("loop");
        _client.WaitUntilRunning(id);
        var interrupt = _client.Send(_client.Control, "interrupt_request", []);

        Assert.Equal("ok", _client.Reply(_client.Control, interrupt).Content["status"]!.ToString());
        var reply = _client.Reply(_client.Shell, id, TimeSpan.FromSeconds(10));
        Assert.Equal("error", reply.Content["status"]!.ToString());
        Assert.Equal("OperationCanceledException", reply.Content["ename"]!.ToString());

        var next = _client.Execute("print after");
        Assert.Equal("ok", _client.Reply(_client.Shell, next).Content["status"]!.ToString());
        Assert.Equal("after\n", StreamText(_client.IopubUntilIdle(next)));
    }

    [Fact]
    public void A_cell_that_ignores_the_interrupt_is_abandoned_after_the_grace_period()
    {
        var id = _client.Execute("hang");
        _client.WaitUntilRunning(id);
        _client.Reply(_client.Control, _client.Send(_client.Control, "interrupt_request", []));

        var reply = _client.Reply(_client.Shell, id, TimeSpan.FromSeconds(5));
        Assert.Equal("KernelInterrupted", reply.Content["ename"]!.ToString());
    }

    [Fact]
    public void Restart_gives_a_new_session_and_execution_count()
    {
        _client.Reply(_client.Shell, _client.Execute("set 5"));
        var shutdown = _client.Send(_client.Control, "shutdown_request", new JsonObject { ["restart"] = true });
        var reply = _client.Reply(_client.Control, shutdown);
        Assert.True(reply.Content["restart"]!.GetValue<bool>());

        var get = _client.Execute("get");
        Assert.Equal(1, _client.Reply(_client.Shell, get).Content["execution_count"]!.GetValue<int>());
        Assert.Equal("unset", StreamText(_client.IopubUntilIdle(get)));
        Assert.Equal(2, _sessions.Count);
        Assert.Equal(1, _sessions[0].Disposed);
    }

    [Fact]
    public async Task Shutdown_replies_and_stops_the_kernel()
    {
        var id = _client.Send(_client.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        Assert.Equal("shutdown_reply", _client.Reply(_client.Control, id).MessageType);
        var stop = await _kernel.Stopped.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(stop.Restart);
    }

    [Fact]
    public void Heartbeat_echoes()
    {
        var payload = Encoding.ASCII.GetBytes("ping 123");
        Assert.Equal(payload, _client.Ping(payload, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("for (int i = 0; i < 3; i++)\n{", "incomplete")]
    [InlineData("var s = \"open", "incomplete")]
    [InlineData("#r \"nuget: CourseKit, 0.1.0\"\nvar x = 1;", "complete")]
    [InlineData("var x = 1 +;", "invalid")]
    public void Is_complete_follows_roslyn(string code, string status)
    {
        var id = _client.Send(_client.Shell, "is_complete_request", new JsonObject { ["code"] = code });
        var reply = _client.Reply(_client.Shell, id);
        Assert.Equal(status, reply.Content["status"]!.ToString());
        if (status == "incomplete")
            Assert.NotNull(reply.Content["indent"]);
    }

    [Fact]
    public void Comm_info_is_empty()
    {
        var id = _client.Send(_client.Shell, "comm_info_request", []);
        var reply = _client.Reply(_client.Shell, id);
        Assert.Empty(reply.Content["comms"]!.AsObject());
    }

    [Fact]
    public void Complete_offers_members_static_members_keywords_and_variables_of_earlier_cells()
    {
        _client.Reply(_client.Shell, _client.Execute("var learningRate = 0.01;"));

        Assert.Contains("Count", Complete("var numbers = new List<int>();\nnumbers.Cou", out _, out _));
        Assert.Contains("Sqrt", Complete("Math.Sq", out _, out _));
        Assert.Contains("while", Complete("whi", out _, out _));
        var matches = Complete("var y = learn", out int start, out int end);
        Assert.Contains("learningRate", matches);
        Assert.Equal(("var y = ".Length, "var y = learn".Length), (start, end));
    }

    [Fact]
    public void Inspect_shows_the_signature_of_the_symbol_under_the_cursor()
    {
        var code = "var r = Math.Sqrt(2.0);";
        var id = _client.Send(_client.Shell, "inspect_request",
            new JsonObject { ["code"] = code, ["cursor_pos"] = code.IndexOf("Sqrt") + 2, ["detail_level"] = 0 });
        var reply = _client.Reply(_client.Shell, id, TimeSpan.FromSeconds(60));

        Assert.True(reply.Content["found"]!.GetValue<bool>());
        Assert.Contains("Math.Sqrt(double)", reply.Content["data"]!["text/plain"]!.ToString());
    }

    private List<string> Complete(string code, out int start, out int end)
    {
        var id = _client.Send(_client.Shell, "complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length });
        var reply = _client.Reply(_client.Shell, id, TimeSpan.FromSeconds(60));
        start = reply.Content["cursor_start"]!.GetValue<int>();
        end = reply.Content["cursor_end"]!.GetValue<int>();
        return reply.Content["matches"]!.AsArray().Select(m => m!.ToString()).ToList();
    }

    private static string StreamText(IEnumerable<JupyterMessage> messages) =>
        string.Concat(messages.Where(m => m.MessageType == "stream").Select(m => m.Content["text"]!.ToString()));

    public void Dispose()
    {
        _client.Dispose();
        _kernel.Dispose();
    }
}
