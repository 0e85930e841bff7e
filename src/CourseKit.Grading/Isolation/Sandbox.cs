using System.Diagnostics;
using System.Runtime.InteropServices;
using CourseKit.Runtime;

namespace CourseKit.Grading.Isolation;

/// <summary>
/// How the child is fenced in on Linux: <c>unshare</c> gives it a network namespace with no interfaces up (no network),
/// its own PID namespace (every process it starts dies with it) and a mount namespace in which the assignment sources
/// are covered by an empty tmpfs; <c>setpriv</c> drops it to <c>nobody</c>; <c>prlimit</c> caps its address space,
/// process count, file size and open files.
/// </summary>
internal static class Sandbox
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Whether namespaces can be used here; otherwise why not.</summary>
    public static bool Available(out string why)
    {
        why = Missing.Value ?? "";
        return Missing.Value is null;
    }

    private static string? FindMissing()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (Environment.UserName != "root" && geteuid() != 0) return "not running as root";
        foreach (string tool in new[] { "unshare", "setpriv", "prlimit", "sh" })
            if (Which(tool) is null) return $"{tool} not found (install util-linux)";
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(Which("unshare")!, "--net --pid --mount --fork true")
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
            probe.WaitForExit(10_000);
            return probe.ExitCode == 0 ? null : "unshare is not permitted here (" + probe.StandardError.ReadToEnd().Trim() + ")";
        }
        catch (Exception e)
        {
            return "unshare failed: " + e.Message;
        }
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
        .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    /// <summary>The dotnet host that runs the worker.</summary>
    public static string DotnetHost()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        return Which("dotnet") ?? "dotnet";
    }

    /// <summary>The run folder is traversable, the socket connectable, and work/cache belong to the child's user.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void PrepareFolders(string run, string work, string cache, string socketPath, int user)
    {
        File.SetUnixFileMode(run, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(Path.Combine(run, "worker"));
        foreach (string folder in new[] { work, cache })
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (chown(folder, user, user) != 0) throw new IOException($"could not give {folder} to uid {user} (errno {Marshal.GetLastPInvokeError()}).");
        }
        File.SetUnixFileMode(socketPath, (UnixFileMode)0b110_110_110);
    }

    /// <summary>The command line: unshare → sh (bind the worker, hide sources) → setpriv nobody → prlimit → dotnet worker.</summary>
    public static ProcessStartInfo Command(SandboxOptions options, string workerFolder, string workerFile, string run, int user)
    {
        // libtorch and thread stacks reserve far more address space than they use; the resident-set watchdog
        // enforces the real limit, the address-space cap stops one absurd allocation outright.
        long addressSpace = options.MemoryLimitBytes + 6L * 1024 * 1024 * 1024;
        string script =
            "set -e; run=$1; workerFolder=$2; shift 2; " +
            // The worker first: the kit may be installed below /tmp, which the private /tmp then covers.
            "mount --bind \"$workerFolder\" \"$run/worker\"; " +
            PrivateTemporaryFolders(options.TemporaryBytes) +
            // Assignment checks and the grader's own entry points may sit beside the worker: blank them for the child.
            "for f in \"$run\"/worker/*.Checks.dll \"$run\"/worker/*.Checks.pdb \"$run\"/worker/CourseKit.Cli.dll \"$run\"/worker/CourseKit.Tests.dll; do " +
            "if [ -f \"$f\" ]; then mount --bind /dev/null \"$f\"; fi; done; " +
            "for hidden in \"$@\"; do if [ -d \"$hidden\" ]; then mount -t tmpfs -o size=64k,mode=0755 coursekit-hidden \"$hidden\"; fi; done; " +
            "cd \"$run/work\"; " +
            $"exec {Which("setpriv")} --reuid={user} --regid={user} --clear-groups --no-new-privs " +
            $"{Which("prlimit")} --as={addressSpace} --nproc=256 --fsize={options.FileSizeLimitBytes} --nofile=512 --core=0 " +
            $"{DotnetHost()} \"$run/worker/{workerFile}\" \"$run/channel.sock\"";
        var start = new ProcessStartInfo(Which("unshare")!);
        foreach (string arg in new[] { "--net", "--pid", "--mount", "--fork", "--kill-child", "--mount-proc", "--propagation", "private", "--", Which("sh")!, "-c", script, "sh", run, workerFolder })
            start.ArgumentList.Add(arg);
        string dotnetRoot = DotnetRootOf(DotnetHost());
        foreach (string hidden in options.HiddenPaths.Select(Path.GetFullPath))
            if (!IsInside(dotnetRoot, hidden) && !IsInside(run, hidden)) start.ArgumentList.Add(hidden);
        return start;
    }

    /// <summary>
    /// Shell commands giving the child its own empty /tmp, /var/tmp and /dev/shm (size-capped tmpfs that vanish with its
    /// mount namespace, so nothing it leaves there outlives it), while keeping the run folder (socket, worker binding,
    /// working folder), which lives under the host's /tmp, at the same path: it is bound recursively to a staging point
    /// on the new /dev/shm, the new /tmp is mounted, and the binding is moved back under it.
    /// </summary>
    private static string PrivateTemporaryFolders(long bytes) =>
        $"mount -t tmpfs -o size={bytes},mode=1777,nosuid,nodev coursekit-shm /dev/shm; " +
        "mkdir /dev/shm/.run; mount --rbind \"$run\" /dev/shm/.run; " +
        $"mount -t tmpfs -o size={bytes},mode=1777,nosuid,nodev coursekit-tmp /tmp; " +
        "if [ -d /var/tmp ]; then mount -t tmpfs -o size=1m,mode=1777,nosuid,nodev coursekit-vartmp /var/tmp; fi; " +
        "mkdir -p \"$run\"; mount --move /dev/shm/.run \"$run\"; rmdir /dev/shm/.run; ";

    private static string DotnetRootOf(string host) => Path.GetDirectoryName(Path.GetFullPath(host)) ?? "/";

    private static bool IsInside(string path, string folder)
    {
        string full = Path.GetFullPath(path).TrimEnd('/') + "/";
        string root = Path.GetFullPath(folder).TrimEnd('/') + "/";
        return full.StartsWith(root, StringComparison.Ordinal);
    }

    /// <summary>A small, explicit environment: nothing of the parent's secrets, a managed-heap cap, one torch thread.</summary>
    public static void SetEnvironment(ProcessStartInfo start, SandboxOptions options, string work, string cache)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        string? dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        start.Environment.Clear();
        start.Environment["PATH"] = path ?? "/usr/bin:/bin";
        if (dotnetRoot is not null) start.Environment["DOTNET_ROOT"] = dotnetRoot;
        start.Environment["HOME"] = work;
        start.Environment["TMPDIR"] = work;
        start.Environment["COURSEKIT_CACHE"] = cache;
        ConvolutionGuard.HandTo(start.Environment);   // the worker takes this process's convolution verdict instead of testing again
        start.Environment["COURSEKIT_WORKER_THREADS"] = options.TorchThreads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (options.MemoryLimitBytes * 3 / 4).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["OMP_NUM_THREADS"] = options.TorchThreads.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Resident memory of a process and all its descendants, from /proc (0 when unknown).</summary>
    public static long ResidentBytes(int pid)
    {
        long total = 0;
        var pending = new Stack<int>();
        pending.Push(pid);
        int visited = 0;
        while (pending.Count > 0 && visited++ < 4096)
        {
            int current = pending.Pop();
            total += ResidentOf(current);
            foreach (int child in ChildrenOf(current)) pending.Push(child);
        }
        return total;
    }

    private static long ResidentOf(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return 0;
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                foreach (string id in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(id, out int child)) children.Add(child);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return children;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, int owner, int group);

    [DllImport("libc")]
    private static extern uint geteuid();
}
