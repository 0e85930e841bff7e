namespace CourseKit.Grading.Isolation;

/// <summary>Limits and isolation for the child process that runs a submission's code.</summary>
public sealed record SandboxOptions
{
    /// <summary>The most memory the child may use (managed heap cap, address-space cap and a resident-set watchdog).</summary>
    public long MemoryLimitBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How long the child may take to start and connect.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many bytes of the child's stdout+stderr are kept for the report; the rest is counted and dropped.</summary>
    public int OutputCapBytes { get; init; } = 8 * 1024;

    /// <summary>The largest file the child may write (RLIMIT_FSIZE).</summary>
    public long FileSizeLimitBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// Use Linux namespaces (no network, own PID namespace, hidden folders) and run as <c>nobody</c>. Needs root and
    /// util-linux (unshare, setpriv, prlimit); when they are missing the grader runs the child without them and says so.
    /// </summary>
    public bool UseNamespaces { get; init; } = true;

    /// <summary>Folders the child must not see (assignment sources, grading bundles); hidden behind an empty tmpfs.</summary>
    public IReadOnlyList<string> HiddenPaths { get; init; } = [];

    /// <summary>The worker's entry assembly; by default CourseKit.GradingWorker.dll beside the running program.</summary>
    public string? WorkerPath { get; init; }

    /// <summary>
    /// The largest message the parent reads from the child (returned values: the biggest the assignments need are A2's
    /// state dicts, about 2 MB). A longer one is refused from its header and fails that check.
    /// </summary>
    public int MaxReplyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The size of each of the child's private /tmp and /dev/shm (tmpfs that vanish with it).</summary>
    public long TemporaryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Threads TorchSharp may use in the child (<see cref="DefaultTorchThreads"/> unless set).</summary>
    public int TorchThreads { get; init; } = DefaultTorchThreads;

    /// <summary>The default of <see cref="TorchThreads"/>: the machine's cores, at most 4.</summary>
    public static int DefaultTorchThreads => Math.Min(Environment.ProcessorCount, 4);
}
