namespace CourseKit.Runtime;

/// <summary>
/// Reads and sets whether libtorch uses its oneDNN (MKL-DNN) CPU kernels, the flag PyTorch calls
/// <c>torch.backends.mkldnn.enabled</c>. TorchSharp 0.107 has no API for it, so the kit calls libtorch's own accessors
/// (<c>at::globalContext().setUserEnabledMkldnn(bool)</c>) in <c>libtorch_cpu.so</c>.
/// </summary>
/// <remarks>
/// oneDNN is on by default, as in PyTorch: on two cores its convolutions train 4–8 times faster than ATen's own
/// (a PixelCNN step 4×, a U-Net epoch 5×, a DCGAN epoch 5.7×, a LeNet-5 epoch 7.5×). On some CPUs its convolution
/// input gradients are wrong; <see cref="ConvolutionGuard"/> tests for that at start-up and switches oneDNN off through
/// this class where it finds it. Set <c>COURSEKIT_ONEDNN=0</c> to run ATen's kernels regardless, e.g. to compare.
/// On Windows and macOS (other symbol names) nothing is changed.
/// </remarks>
public static class OneDnnSwitch
{
    private static readonly LibtorchContextFlag Flag = new(
        "_ZN2at7Context20setUserEnabledMkldnnEb",    // at::Context::setUserEnabledMkldnn(bool)
        "_ZNK2at7Context17userEnabledMkldnnEv");     // at::Context::userEnabledMkldnn() const

    /// <summary>The environment variable that turns oneDNN off when set to 0.</summary>
    public const string EnvironmentVariable = "COURSEKIT_ONEDNN";

    /// <summary>True when the user asked for ATen's kernels instead of oneDNN's (<c>COURSEKIT_ONEDNN=0</c>).</summary>
    public static bool OffRequested => Environment.GetEnvironmentVariable(EnvironmentVariable) == "0";

    /// <summary>Whether oneDNN kernels are enabled, or null where the flag cannot be reached (not Linux, other libtorch).</summary>
    public static bool? Enabled => Flag.Value;

    /// <summary>Sets the flag. Returns false (and changes nothing) where the flag cannot be reached.</summary>
    /// <param name="enabled">True to use oneDNN kernels, false for ATen's own.</param>
    public static bool TrySet(bool enabled) => Flag.TrySet(enabled);
}
