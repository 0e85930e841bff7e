using CourseKit.Grading;
using CourseKit.Grading.Isolation;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 4: any protocol violation from the child (an unexpected, forged, oversized or malformed frame) fails
/// that check with a clear reason and never escapes the grader; the parent bounds what it reads and what decoding may
/// allocate. The frames here are what student code holding the channel key could send.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class ChannelViolationTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    private static byte[] Frame(MessageKind kind, Action<BinaryWriter> body) => WorkerProtocol.Encode(kind, body);

    private static byte[] ResultFrame(long id, object? value) => Frame(MessageKind.Result, w =>
    {
        byte[] encoded = ValueCodec.ToBytes(value);
        w.Write(id);
        w.Write(encoded.Length);
        w.Write(encoded);
    });

    private static string ViolationOf(CallOutcome outcome) =>
        Assert.IsType<ProtocolViolation>(outcome).Reason;

    [Fact]
    public void A_reply_to_another_call_is_a_violation()
    {
        Assert.Contains("answered call 7 while call 8 was waiting", ViolationOf(WorkerHost.ReadReply(ResultFrame(7, 1.0), 8)));
        Assert.Equal(1.0, Assert.IsType<Returned>(WorkerHost.ReadReply(ResultFrame(8, 1.0), 8)).Value);
    }

    [Theory]
    [InlineData(1)]   // Ready: the forged frame of the issue
    [InlineData(3)]   // Loaded
    [InlineData(7)]   // Bye
    [InlineData(200)] // no such kind
    public void A_message_of_another_kind_mid_call_is_a_violation(byte kind)
    {
        Assert.Contains("where the result of a call was expected", ViolationOf(WorkerHost.ReadReply(Frame((MessageKind)kind, _ => { }), 0)));
    }

    [Fact]
    public void Every_truncation_of_a_valid_reply_is_a_violation_never_an_exception()
    {
        byte[] full = ResultFrame(3, new object?[] { 1, "two", TorchSharp.torch.ones(2, 3) });
        Assert.IsType<Returned>(WorkerHost.ReadReply(full, 3));
        for (int length = 0; length < full.Length; length++)
            Assert.IsType<ProtocolViolation>(WorkerHost.ReadReply(full[..length], 3));
    }

    [Fact]
    public void A_tensor_claiming_bytes_its_message_does_not_hold_is_refused_before_any_storage()
    {
        byte[] value;
        using (var stream = new MemoryStream())
        using (var w = new BinaryWriter(stream))
        {
            w.Write((byte)6); // Tensor
            w.Write((int)TorchSharp.torch.ScalarType.Float32);
            w.Write(1);
            w.Write(ValueCodec.MaxTensorElements);
            w.Write((int)(ValueCodec.MaxTensorElements * 4));
            w.Flush();
            value = stream.ToArray();
        }
        byte[] frame = Frame(MessageKind.Result, w => { w.Write(0L); w.Write(value.Length); w.Write(value); });
        Assert.Contains("does not hold", ViolationOf(WorkerHost.ReadReply(frame, 0)));
    }

    [Fact]
    public void Decoding_is_capped_in_the_number_of_values()
    {
        var many = Enumerable.Range(0, 20).Select(_ => (object?)Enumerable.Repeat<object?>(null, 10_000).ToList()).ToList();
        Assert.Contains($"more than {ValueCodec.MaxValues} values", ViolationOf(WorkerHost.ReadReply(ResultFrame(0, many), 0)));
        var fewer = many.Take(9).ToList();
        Assert.Equal(9, Assert.IsType<List<object?>>(Assert.IsType<Returned>(WorkerHost.ReadReply(ResultFrame(0, fewer), 0)).Value).Count);
    }

    [Fact]
    public void An_oversized_frame_is_refused_from_its_header_without_reading_or_allocating_it()
    {
        var stream = new MemoryStream();
        stream.Write(BitConverter.GetBytes(80 * 1024 * 1024));
        stream.Position = 0;
        using var channel = new SecureChannel(stream, SecureChannel.NewKey(), isParent: true, maxReceiveBytes: 16 * 1024 * 1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(channel.Receive);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("83886080 bytes was refused (the limit is 16777216 bytes)", error.Message);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_loaded_reply_of_the_wrong_kind_or_truncated_is_a_violation()
    {
        Assert.True(WorkerHost.ReadLoaded(Frame(MessageKind.Result, w => w.Write(0L)))!.Value.Violation);
        Assert.True(WorkerHost.ReadLoaded(Frame(MessageKind.Loaded, _ => { }))!.Value.Violation);
        Assert.Null(WorkerHost.ReadLoaded(Frame(MessageKind.Loaded, w => { w.Write("q1"); w.Write(""); })));
        Assert.Equal(("boom", false), WorkerHost.ReadLoaded(Frame(MessageKind.Loaded, w => { w.Write("q1"); w.Write("boom"); })));
    }

    [Fact]
    public void Student_code_writing_a_huge_frame_header_on_the_channel_fails_that_check_and_the_rest_is_graded()
    {
        string body = """
            foreach (string fd in System.IO.Directory.GetFiles("/proc/self/fd"))
            {
                string target = new System.IO.FileInfo(fd).LinkTarget;
                if (target is null || !target.StartsWith("socket:")) continue;
                var handle = new System.Net.Sockets.SafeSocketHandle((IntPtr)int.Parse(System.IO.Path.GetFileName(fd)), false);
                var raw = new System.Net.Sockets.Socket(handle);
                raw.Send(new byte[] { 0xff, 0xff, 0xff, 0x7f });
            }
            return zeros(1);
            """;
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q1"] = "Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0)\n{\n" + body + "\n}";
        var grader = new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            TestTheSandboxWithAnyDotNet = true,   // these answers reach the OS on purpose: the sandbox must contain them
            Sandbox = Fixture.Sandbox, Questions = new HashSet<string> { "q1", "q2" },
        });
        var report = grader.Grade("channel-flood", Fixture.StudentWith(answers));
        BadSubmissionTests.AssertValidResults(report);
        Assert.All(report.Checks.Where(c => c.Question == "q1"), c =>
        {
            Assert.False(c.Passed);
            Assert.Contains("broke the grading protocol", c.Message);
        });
        Assert.Equal(5, report.ScoreByQuestion["q2"]);
        Assert.Equal(5, report.Score);
    }
}
