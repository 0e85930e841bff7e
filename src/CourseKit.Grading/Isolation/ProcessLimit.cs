using System.Runtime.InteropServices;

namespace CourseKit.Grading.Isolation;

/// <summary>
/// Caps how many more processes and threads the sandbox user may start (RLIMIT_NPROC), measured after the runtime and
/// TorchSharp have started their own threads and before any student code loads: a fork bomb gets a handful of
/// processes, not the machine. Linux only, and only as an unprivileged user (root ignores the limit).
/// </summary>
internal static class ProcessLimit
{
    private const int RlimitNproc = 6; // Linux x86-64 and arm64

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref Rlimit limit);

    [DllImport("libc")]
    private static extern uint getuid();

    public static void CapNewProcesses(int headroom)
    {
        if (!OperatingSystem.IsLinux() || getuid() == 0) return;
        // Warm TorchSharp's thread pool so its threads already count.
        using (var warm = TorchSharp.torch.ones(64, 64)) using (var product = warm.matmul(warm)) { }
        ulong limit = (ulong)(TasksOfUser(getuid()) + headroom);
        var value = new Rlimit { Current = limit, Maximum = limit };
        setrlimit(RlimitNproc, ref value);
    }

    private static int TasksOfUser(uint uid)
    {
        int count = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                string? line = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                if (line is null || line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] != uid.ToString(System.Globalization.CultureInfo.InvariantCulture)) continue;
                count += Directory.EnumerateDirectories(Path.Combine(dir, "task")).Count();
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return count;
    }
}
