using System.Runtime.InteropServices;

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
    private const string Library = "libtorch_cpu.so";
    private const string GlobalContextSymbol = "_ZN2at13globalContextEv";              // at::globalContext()
    private const string SetEnabledSymbol = "_ZN2at7Context20setUserEnabledNNPACKEb";  // at::Context::setUserEnabledNNPACK(bool)
    private const string GetEnabledSymbol = "_ZNK2at7Context17userEnabledNNPACKEv";    // at::Context::userEnabledNNPACK() const

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetEnabled(IntPtr context);

    /// <summary>Whether libtorch may use NNPACK, or null where the flag cannot be reached (not Linux, other libtorch).</summary>
    public static bool? Enabled
    {
        get
        {
            if (!TryResolve(out var context, out _, out var get)) return null;
            return get(context());
        }
    }

    /// <summary>Turns NNPACK off. Returns false (and changes nothing) where the flag cannot be reached.</summary>
    public static bool TryDisable()
    {
        if (!TryResolve(out var context, out var set, out _)) return false;
        set(context(), false);
        return true;
    }

    private static bool TryResolve(out GlobalContext context, out SetEnabled set, out GetEnabled get)
    {
        context = null!;
        set = null!;
        get = null!;
        if (!OperatingSystem.IsLinux()) return false;
        string? path = TorchLoadFix.LoadedLibraryPath("/" + Library);
        if (path is null || !NativeLibrary.TryLoad(path, out var handle)) return false;
        if (!NativeLibrary.TryGetExport(handle, GlobalContextSymbol, out var c)
            || !NativeLibrary.TryGetExport(handle, SetEnabledSymbol, out var s)
            || !NativeLibrary.TryGetExport(handle, GetEnabledSymbol, out var g))
            return false;
        context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(c);
        set = Marshal.GetDelegateForFunctionPointer<SetEnabled>(s);
        get = Marshal.GetDelegateForFunctionPointer<GetEnabled>(g);
        return true;
    }
}
