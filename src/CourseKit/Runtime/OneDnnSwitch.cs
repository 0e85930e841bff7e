using System.Runtime.InteropServices;

namespace CourseKit.Runtime;

/// <summary>
/// Turns libtorch's oneDNN (MKL-DNN) CPU kernels off, the way PyTorch's <c>torch.backends.mkldnn.enabled = False</c>
/// does. TorchSharp 0.107 has no API for this flag, so the kit calls libtorch's own setter
/// (<c>at::globalContext().setUserEnabledMkldnn(bool)</c>) in <c>libtorch_cpu.so</c>.
/// </summary>
/// <remarks>
/// Why: with libtorch-cpu 2.10 on Linux x64, oneDNN's convolution backward pass now and then returns NaN input
/// gradients for small feature maps (measured: a 1-block PixelCNN on 6×6 images went NaN in 6–7 of 8 seeded runs with
/// oneDNN on, 0 of 8 with it off; a small U-Net likewise). ATen's own convolution gives finite, correct gradients.
/// Set <c>COURSEKIT_ONEDNN=1</c> to keep oneDNN on. On Windows and macOS (other symbol names) nothing is changed.
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

    /// <summary>The environment variable that keeps oneDNN on when set to 1.</summary>
    public const string KeepEnvironmentVariable = "COURSEKIT_ONEDNN";

    /// <summary>True when the user asked to keep oneDNN (<c>COURSEKIT_ONEDNN=1</c>).</summary>
    public static bool KeepRequested => Environment.GetEnvironmentVariable(KeepEnvironmentVariable) == "1";

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
