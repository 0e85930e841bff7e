namespace CourseKit.Kernel;

/// <summary>Why a kernel stopped.</summary>
/// <param name="Restart">The client asked for a restart (its kernel manager starts a new kernel).</param>
public sealed record KernelStop(bool Restart);
