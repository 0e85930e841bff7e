using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseKit.Kernel.Protocol;

/// <summary>
/// A Jupyter connection file: where the kernel's five sockets listen and the key that signs messages.
/// The client (JupyterLab, VS Code, nbconvert) writes it and starts the kernel with its path.
/// </summary>
/// <param name="Ip">The address to bind, e.g. <c>127.0.0.1</c>.</param>
/// <param name="Transport">Only <c>tcp</c> is supported.</param>
/// <param name="ShellPort">Requests and replies (ROUTER).</param>
/// <param name="IopubPort">Broadcast of status and outputs (PUB).</param>
/// <param name="StdinPort">Input requests to the client (ROUTER).</param>
/// <param name="ControlPort">Interrupt and shutdown, served while a cell runs (ROUTER).</param>
/// <param name="HeartbeatPort">Echo socket that tells the client the kernel is alive (REP).</param>
/// <param name="Key">The HMAC key; empty means messages are not signed.</param>
/// <param name="SignatureScheme">Only <c>hmac-sha256</c> is supported.</param>
/// <param name="KernelName">The kernelspec name the client started, if it says.</param>
public sealed record ConnectionInfo(
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("shell_port")] int ShellPort,
    [property: JsonPropertyName("iopub_port")] int IopubPort,
    [property: JsonPropertyName("stdin_port")] int StdinPort,
    [property: JsonPropertyName("control_port")] int ControlPort,
    [property: JsonPropertyName("hb_port")] int HeartbeatPort,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("signature_scheme")] string SignatureScheme,
    [property: JsonPropertyName("kernel_name")] string? KernelName = null)
{
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>A loopback connection with every port 0 (the kernel picks free ports) and a fresh random key.</summary>
    public static ConnectionInfo Loopback() =>
        new("127.0.0.1", "tcp", 0, 0, 0, 0, 0, Guid.NewGuid().ToString("N"), "hmac-sha256");

    /// <summary>Reads and checks a connection file.</summary>
    /// <exception cref="FormatException">The file is not a usable connection file; the message says why.</exception>
    public static ConnectionInfo Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The connection file '{path}' does not exist. Jupyter writes it and passes its path with --connection-file.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and checks the JSON of a connection file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">A name for error messages.</param>
    /// <exception cref="FormatException">The JSON is not a usable connection file; the message says why.</exception>
    public static ConnectionInfo Parse(string json, string source = "connection file")
    {
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not valid JSON: {e.Message}", e);
        }
        if (info is null)
            throw new FormatException($"{source} is empty.");
        // Missing optional fields take Jupyter's defaults.
        info = info with
        {
            Ip = string.IsNullOrEmpty(info.Ip) ? "127.0.0.1" : info.Ip,
            Transport = string.IsNullOrEmpty(info.Transport) ? "tcp" : info.Transport,
            Key = info.Key ?? "",
            SignatureScheme = string.IsNullOrEmpty(info.SignatureScheme) ? "hmac-sha256" : info.SignatureScheme,
        };
        if (info.Transport != "tcp")
            throw new FormatException($"{source} asks for transport '{info.Transport}'; the CourseKit kernel supports only 'tcp'.");
        if (info.SignatureScheme != "hmac-sha256")
            throw new FormatException($"{source} asks for signature scheme '{info.SignatureScheme}'; the CourseKit kernel supports only 'hmac-sha256'.");
        foreach (var (name, port) in info.Ports())
            if (port is < 0 or > 65535)
                throw new FormatException($"{source}: {name} {port} is not a TCP port (0–65535).");
        return info;
    }

    /// <summary>The connection as JSON, in the connection-file format.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, WriteOptions);

    /// <summary>Writes the connection file (for a client to read).</summary>
    public void Write(string path) => File.WriteAllText(path, ToJson());

    /// <summary>The ZeroMQ endpoint of a port on this connection, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Endpoint(int port) => $"{Transport}://{Ip}:{port}";

    private IEnumerable<(string Name, int Port)> Ports() =>
    [
        ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort),
        ("control_port", ControlPort), ("hb_port", HeartbeatPort),
    ];
}
