using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CourseKit.Tests.Data;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 for downloader tests. Each path maps to a response: a body, a status code,
/// or a body cut off mid-way (the server announces the full Content-Length, sends part, and closes the connection).
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    public sealed record Response(int Status, byte[] Body, int? SendOnly = null);

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, Response> routes = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LocalHttpServer()
    {
        listener.Start();
        loop = Task.Run(AcceptLoop);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";

    /// <summary>Paths requested so far, in order.</summary>
    public List<string> Requests { get; } = [];

    public void Serve(string path, byte[] body) => routes[path] = new Response(200, body);

    public void ServeTruncated(string path, byte[] body, int sendOnly) => routes[path] = new Response(200, body, sendOnly);

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(client));
        }
    }

    private async Task Handle(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            string path = await ReadRequestPath(stream);
            lock (Requests) Requests.Add(path);
            var response = routes.TryGetValue(path, out var r) ? r : new Response(404, Encoding.ASCII.GetBytes("not found"));
            string reason = response.Status == 200 ? "OK" : "Not Found";
            string head = $"HTTP/1.1 {response.Status} {reason}\r\nContent-Length: {response.Body.Length}\r\n" +
                          "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(response.Body.AsMemory(0, response.SendOnly ?? response.Body.Length));
            await stream.FlushAsync();
            if (response.SendOnly is not null) client.Client.LingerState = new LingerOption(true, 0);   // reset: an abrupt end
        }
    }

    private static async Task<string> ReadRequestPath(NetworkStream stream)
    {
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n"))
        {
            int read = await stream.ReadAsync(buffer);
            if (read == 0) break;
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        string firstLine = request.ToString().Split("\r\n")[0];   // GET /path HTTP/1.1
        return firstLine.Split(' ').ElementAtOrDefault(1) ?? "/";
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        stop.Dispose();
    }
}
