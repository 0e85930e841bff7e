using System.Runtime.InteropServices;

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
    private const string Library = "libtorch_cpu.so";
    private const string GlobalContextSymbol = "_ZN2at13globalContextEv";                  // at::globalContext()
    private const string SetEnabledSymbol = "_ZN2at7Context20setUserEnabledMkldnnEb";      // at::Context::setUserEnabledMkldnn(bool)
    private const string GetEnabledSymbol = "_ZNK2at7Context17userEnabledMkldnnEv";        // at::Context::userEnabledMkldnn() const

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetEnabled(IntPtr context);

    /// <summary>The environment variable that turns oneDNN off when set to 0.</summary>
    public const string EnvironmentVariable = "COURSEKIT_ONEDNN";

    /// <summary>True when the user asked for ATen's kernels instead of oneDNN's (<c>COURSEKIT_ONEDNN=0</c>).</summary>
    public static bool OffRequested => Environment.GetEnvironmentVariable(EnvironmentVariable) == "0";

    /// <summary>Whether oneDNN kernels are enabled, or null where the flag cannot be reached (not Linux, other libtorch).</summary>
    public static bool? Enabled => Resolve() is { } api ? api.Get(api.Context()) : null;

    /// <summary>Sets the flag. Returns false (and changes nothing) where the flag cannot be reached.</summary>
    /// <param name="enabled">True to use oneDNN kernels, false for ATen's own.</param>
    public static bool TrySet(bool enabled)
    {
        if (Resolve() is not { } api) return false;
        api.Set(api.Context(), enabled);
        return true;
    }

    private sealed record Api(GlobalContext Context, SetEnabled Set, GetEnabled Get);

    private static Api? cached;

    private static Api? Resolve()
    {
        if (cached is not null || !OperatingSystem.IsLinux()) return cached;
        if (!TryLoadLibtorch(out var handle)) return null;
        if (!NativeLibrary.TryGetExport(handle, GlobalContextSymbol, out var context)
            || !NativeLibrary.TryGetExport(handle, SetEnabledSymbol, out var set)
            || !NativeLibrary.TryGetExport(handle, GetEnabledSymbol, out var get))
            return null;
        cached = new Api(
            Marshal.GetDelegateForFunctionPointer<GlobalContext>(context),
            Marshal.GetDelegateForFunctionPointer<SetEnabled>(set),
            Marshal.GetDelegateForFunctionPointer<GetEnabled>(get));
        return cached;
    }

    // TorchSharp has already loaded libtorch_cpu.so from its NuGet package; take that copy, by its path in the process map.
    private static bool TryLoadLibtorch(out IntPtr handle)
    {
        handle = IntPtr.Zero;
        string? path = TorchLoadFix.LoadedLibraryPath("/" + Library);
        return path is not null && NativeLibrary.TryLoad(path, out handle);
    }
}
