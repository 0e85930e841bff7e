using static TorchSharp.torch;

namespace CourseKit.Tests;

/// <summary>
/// Tests that count every live tensor in the process or rely on TorchSharp's global seed: they must not run beside
/// other tests.
/// </summary>
[CollectionDefinition(nameof(GlobalTorchState), DisableParallelization = true)]
public sealed class GlobalTorchState
{
    /// <summary>
    /// The process-wide live tensor count once the garbage collector has finalized every unreachable tensor, so that
    /// tensors dropped by earlier tests are not counted (or freed by the finalizer thread in the middle of a measurement).
    /// </summary>
    public static long SettledTensorCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }
}
