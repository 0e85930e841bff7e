using System.Text.Json.Nodes;
using CourseKit.Kernel;
using CourseKit.Kernel.Protocol;

namespace CourseKit.Tests.Kernel;

/// <summary>The kernel driven by the real Jupyter client (Debian's python3-jupyter-client), to prove interop.</summary>
public sealed class JupyterClientInteropTests
{
    [Fact]
    public void Jupyter_client_executes_displays_completes_interrupts_and_a_forged_client_is_ignored()
    {
        var log = new StringWriter();
        using var kernel = new KernelServer(ConnectionInfo.Loopback(), () => new FakeSession(),
            new KernelOptions { Log = log, InterruptGrace = TimeSpan.FromSeconds(2) });
        var connectionFile = Path.Combine(Path.GetTempPath(), $"coursekit-kernel-{Guid.NewGuid():N}.json");
        kernel.Connection.Write(connectionFile);
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Kernel", "jupyter_client_check.py");
            var (code, stdout, stderr) = ReferenceJupyter.Run(ReferenceJupyter.Python, [script, "connect", connectionFile], TimeSpan.FromMinutes(3));
            Assert.True(code == 0, $"jupyter_client_check.py failed ({code}):\n{stderr}\nkernel log:\n{log}");
            var seen = JsonNode.Parse(stdout)!;

            Assert.Equal("5.3", seen["protocol_version"]!.ToString());
            Assert.Equal("C#", seen["language"]!.ToString());
            Assert.Equal("ok", seen["execute_status"]!.ToString());
            Assert.Equal(1, seen["execution_count"]!.GetValue<int>());
            Assert.Equal("hello from jupyter_client\n", seen["stream"]!.ToString());
            Assert.Equal(["execute_input", "display_data", "update_display_data", "update_display_data"],
                seen["display_types"]!.AsArray().Select(t => t!.ToString()));
            Assert.Equal(["error", "System.InvalidOperationException", "from python"], seen["error_reply"]!.AsArray().Select(t => t!.ToString()));
            Assert.Equal("incomplete", seen["is_complete"]!.ToString());
            Assert.Contains("Sqrt", seen["complete"]!.AsArray().Select(t => t!.ToString()));
            Assert.Equal("interrupt_reply", seen["interrupt_reply"]!.ToString());
            Assert.Equal("error", seen["interrupted_status"]!.ToString());
            Assert.False(seen["forged_reply"]!.GetValue<bool>());
            Assert.Equal("still alive\n", seen["after"]!.ToString());
            Assert.True(kernel.RefusedMessages >= 1);
            Assert.Contains("bad signature", log.ToString());
        }
        finally
        {
            File.Delete(connectionFile);
        }
    }
}
