using System.Text;

namespace CourseKit.Grading.Isolation;

/// <summary>Keeps the first bytes of a stream of output and counts the rest, so gigabytes of printing cost nothing.</summary>
internal sealed class CappedOutput(int capBytes)
{
    private readonly object gate = new();
    private readonly MemoryStream kept = new();
    private long dropped;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (gate)
        {
            int room = (int)Math.Max(0, capBytes - kept.Length);
            int take = Math.Min(room, bytes.Length);
            kept.Write(bytes[..take]);
            dropped += bytes.Length - take;
        }
    }

    /// <summary>Drains a stream into the buffer on a background task until it ends.</summary>
    public Task Drain(Stream stream) => Task.Run(async () =>
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0) Append(buffer.AsSpan(0, read));
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    });

    public override string ToString()
    {
        lock (gate)
        {
            string text = Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
            return dropped == 0 ? text : text + $"\n… [{dropped} more bytes of output dropped]";
        }
    }
}
