namespace CourseKit.Runtime;

/// <summary>
/// Turns off libtorch's NNPACK convolutions (PyTorch's <c>torch.backends.nnpack.set_flags(False)</c>) through
/// <c>at::globalContext().setUserEnabledNNPACK(bool)</c> in <c>libtorch_cpu.so</c>, which TorchSharp 0.107 does not expose.
/// </summary>
/// <remarks>
/// On CPUs whose features NNPACK's detection does not recognise (this course's 2-core AVX-512 machines among them) libtorch
/// tries NNPACK for convolutions oneDNN does not take (float64 ones, for instance), fails and prints
/// "Could not initialize NNPACK! Reason: Unsupported hardware." every time (92 lines in one run of the course), then falls
/// back to its own kernels. With the flag off it goes to those kernels directly and prints nothing; the kit's CPU
/// convolutions are oneDNN's anyway (see <see cref="OneDnnSwitch"/>). On Windows and macOS nothing is changed.
/// </remarks>
public static class NnpackSwitch
{
    private static readonly LibtorchContextFlag Flag = new(
        "_ZN2at7Context20setUserEnabledNNPACKEb",    // at::Context::setUserEnabledNNPACK(bool)
        "_ZNK2at7Context17userEnabledNNPACKEv");     // at::Context::userEnabledNNPACK() const

    /// <summary>Whether libtorch may use NNPACK, or null where the flag cannot be reached (not Linux, other libtorch).</summary>
    public static bool? Enabled => Flag.Value;

    /// <summary>Turns NNPACK off. Returns false (and changes nothing) where the flag cannot be reached.</summary>
    public static bool TryDisable() => Flag.TrySet(false);
}
