using System.Runtime.InteropServices;

namespace CourseKit.Runtime;

/// <summary>
/// One bool flag of libtorch's global context (<c>at::globalContext()</c>), such as PyTorch's
/// <c>torch.backends.mkldnn.enabled</c>, reached through the accessors <c>libtorch_cpu.so</c> exports, since TorchSharp
/// 0.107 has no API for them. Linux only (other systems mangle the names differently): elsewhere the flag reads null and
/// setting it changes nothing. <see cref="OneDnnSwitch"/> and <see cref="NnpackSwitch"/> are built on it.
/// </summary>
/// <param name="setterSymbol">The mangled <c>at::Context::setUserEnabled…(bool)</c>.</param>
/// <param name="getterSymbol">The mangled <c>at::Context::userEnabled…() const</c>.</param>
internal sealed class LibtorchContextFlag(string setterSymbol, string getterSymbol)
{
    private const string Library = "libtorch_cpu.so";
    private const string GlobalContextSymbol = "_ZN2at13globalContextEv";   // at::globalContext()

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlag(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetFlag(IntPtr context);

    private sealed record Api(GlobalContext Context, SetFlag Set, GetFlag Get);

    private Api? api;

    /// <summary>The flag's value, or null where it cannot be reached.</summary>
    public bool? Value => Resolve() is { } a ? a.Get(a.Context()) : null;

    /// <summary>Sets the flag; false (and nothing changed) where it cannot be reached.</summary>
    public bool TrySet(bool value)
    {
        if (Resolve() is not { } a) return false;
        a.Set(a.Context(), value);
        return true;
    }

    // TorchSharp has already loaded libtorch_cpu.so from its NuGet package; take that copy, by its path in the process map.
    private Api? Resolve()
    {
        if (api is not null || !OperatingSystem.IsLinux()) return api;
        string? path = TorchLoadFix.LoadedLibraryPath("/" + Library);
        if (path is null || !NativeLibrary.TryLoad(path, out var handle)) return null;
        if (!NativeLibrary.TryGetExport(handle, GlobalContextSymbol, out var context)
            || !NativeLibrary.TryGetExport(handle, setterSymbol, out var set)
            || !NativeLibrary.TryGetExport(handle, getterSymbol, out var get))
            return null;
        api = new Api(
            Marshal.GetDelegateForFunctionPointer<GlobalContext>(context),
            Marshal.GetDelegateForFunctionPointer<SetFlag>(set),
            Marshal.GetDelegateForFunctionPointer<GetFlag>(get));
        return api;
    }
}
