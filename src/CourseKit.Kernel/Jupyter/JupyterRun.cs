using System.Diagnostics;
using CourseKit.Kernel.Installation;

namespace CourseKit.Kernel.Jupyter;

/// <summary>How one notebook went through the real Jupyter client.</summary>
/// <param name="Notebook">The source notebook.</param>
/// <param name="ExecutedPath">The executed copy (with outputs), when nbconvert wrote one.</param>
/// <param name="Elapsed">Wall time of the nbconvert run (kernel start included).</param>
/// <param name="Succeeded">nbconvert exited 0: every cell ran without error.</param>
/// <param name="Log">nbconvert's standard error (the failing cell and its error when it failed).</param>
public sealed record JupyterRun(string Notebook, string ExecutedPath, TimeSpan Elapsed, bool Succeeded, string Log);
