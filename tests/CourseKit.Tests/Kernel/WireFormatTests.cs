using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Kernel.Protocol;
using NetMQ;

namespace CourseKit.Tests.Kernel;

public sealed class WireFormatTests
{
    [Fact]
    public void Signature_is_hmac_sha256_over_the_four_frames_in_order()
    {
        // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?"), split across four frames.
        var frames = new[] { "what do ", "ya want ", "for ", "nothing?" }.Select(Encoding.ASCII.GetBytes).ToList();
        var signer = new MessageSigner("Jefe");
        const string expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

        Assert.Equal(expected, signer.Sign(frames));
        Assert.True(signer.Verify(expected.ToUpperInvariant(), frames));
        Assert.False(signer.Verify(expected[..^1] + "4", frames));
        Assert.False(signer.Verify("not hex", frames));
    }

    [Fact]
    public void Encode_then_decode_keeps_identities_and_content_and_a_tampered_frame_is_refused()
    {
        var wire = new WireFormat(new MessageSigner("secret"));
        var message = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1 + 1" }, null, "s1",
            identities: [Encoding.ASCII.GetBytes("client-7")]);
        var frames = wire.Encode(message);

        Assert.Equal("client-7", frames[0].ConvertToString());
        Assert.Equal(WireFormat.Delimiter, frames[1].ConvertToString());
        var decoded = wire.Decode(frames);
        Assert.Equal("1 + 1", decoded.Content["code"]!.ToString());
        Assert.Equal("execute_request", decoded.MessageType);
        Assert.Equal("5.3", decoded.Header["version"]!.ToString());

        var tampered = new NetMQMessage(frames.Select(f => new NetMQFrame(f.ToByteArray())));
        tampered.RemoveFrame(tampered[5]);
        tampered.Append("{\"code\": \"rm -rf\"}");
        Assert.Throws<InvalidMessageException>(() => wire.Decode(tampered));
    }

    [Fact]
    public void Connection_file_parses_and_unsupported_settings_say_what_is_wrong()
    {
        var info = ConnectionInfo.Parse("""
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "coursekit-csharp"}
            """);
        Assert.Equal(5004, info.ControlPort);
        Assert.Equal("tcp://127.0.0.1:5005", info.Endpoint(info.HeartbeatPort));
        Assert.Equal(info, ConnectionInfo.Parse(info.ToJson()));

        var ipc = Assert.Throws<FormatException>(() => ConnectionInfo.Parse("""{"transport": "ipc", "ip": "kernel"}"""));
        Assert.Contains("only 'tcp'", ipc.Message);
        var md5 = Assert.Throws<FormatException>(() => ConnectionInfo.Parse("""{"signature_scheme": "hmac-md5"}"""));
        Assert.Contains("hmac-sha256", md5.Message);
        Assert.Throws<FileNotFoundException>(() => ConnectionInfo.Read("/nonexistent/kernel-1.json"));
    }
}
