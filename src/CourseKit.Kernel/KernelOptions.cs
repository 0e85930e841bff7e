namespace CourseKit.Kernel;

/// <summary>How a <see cref="KernelServer"/> behaves beyond the protocol.</summary>
public sealed record KernelOptions
{
    /// <summary>Where the kernel logs (refused messages, errors). Defaults to the process's real standard error.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>
    /// On <c>shutdown_request</c> with <c>restart: true</c>: when false (the default, as ipykernel), the kernel
    /// stops and the client's kernel manager starts a new process; when true the kernel stays up and
    /// replaces its session with a new one (for hosts that run the kernel in-process).
    /// </summary>
    public bool RestartInPlace { get; init; }

    /// <summary>
    /// How long an interrupted cell may take to stop. After it the kernel replies with an error and
    /// serves the next request; the cell's task is abandoned (a restart ends it for good).
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);
}
