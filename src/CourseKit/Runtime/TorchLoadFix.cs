using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace CourseKit.Runtime;

/// <summary>
/// Makes TorchSharp 0.107 load on Linux systems whose libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04).
/// </summary>
/// <remarks>
/// <para>Root cause: <c>libLibTorchSharp.so</c> was built with GCC 13, whose <c>&lt;iostream&gt;</c> adds a
/// requirement on <c>GLIBCXX_3.4.32</c> (for <c>std::ios_base_library_init</c>) that no code uses. The loader
/// refuses the library and TorchSharp reports, misleadingly, that it cannot find libtorch.</para>
/// <para>Fix: when, and only when, TorchSharp's own load fails and the system libstdc++ lacks exactly that
/// version, a copy of the library with that one requirement marked weak (<c>VER_FLG_WEAK</c>, two bytes) is
/// written to the kit's cache and handed to the runtime. The copy binds to the libtorch files TorchSharp
/// already loaded (loading a second libtorch aborts the process). The NuGet folder is never modified.</para>
/// </remarks>
public static class TorchLoadFix
{
    /// <summary>The one requirement the fix may weaken.</summary>
    public const string PatchableVersion = "GLIBCXX_3.4.32";

    /// <summary>The library that requirement is on.</summary>
    public const string StdCxxLibrary = "libstdc++.so.6";

    private const string NativeName = "LibTorchSharp";
    private const string NativeFile = "libLibTorchSharp.so";
    private static readonly string[] LibtorchFiles = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private static readonly object Gate = new();
    private static bool registered;
    private static IntPtr patchedHandle;

    /// <summary>What happened so far (null until TorchSharp's own load failed at least once).</summary>
    public static TorchLoadFixReport? Report { get; private set; }

    /// <summary>Hooks the fix into the runtime's native-library resolution. Safe to call many times.</summary>
    public static void Register()
    {
        if (!OperatingSystem.IsLinux()) return;
        lock (Gate)
        {
            if (registered) return;
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
            registered = true;
        }
    }

    /// <summary>
    /// The libstdc++ versions LibTorchSharp requires that <paramref name="systemVersions"/> lacks
    /// (weak requirements do not count).
    /// </summary>
    public static IReadOnlyList<string> MissingVersions(IEnumerable<VersionNeed> needs, IReadOnlySet<string> systemVersions) =>
        needs.Where(n => n.Library == StdCxxLibrary && !n.IsWeak && !systemVersions.Contains(n.Version))
             .Select(n => n.Version).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Returns a copy of <paramref name="library"/> with the <see cref="PatchableVersion"/> requirement marked weak.
    /// Patching an already patched file returns identical bytes.
    /// </summary>
    /// <exception cref="ElfFormatException">Not an ELF shared library, corrupt, or lacking that requirement.</exception>
    public static byte[] Patch(ReadOnlySpan<byte> library)
    {
        byte[] copy = library.ToArray();
        ElfVersionNeeds.MakeWeak(copy, StdCxxLibrary, PatchableVersion);
        return copy;
    }

    /// <summary>
    /// Writes the patched copy of <paramref name="originalPath"/> into <paramref name="cacheDirectory"/>
    /// (atomically, keyed by the original's SHA-256) and returns its path. An existing copy is reused.
    /// </summary>
    public static string WritePatchedCopy(string originalPath, string cacheDirectory)
    {
        byte[] original = File.ReadAllBytes(originalPath);
        string key = Convert.ToHexString(SHA256.HashData(original))[..16].ToLowerInvariant();
        string folder = Path.Combine(cacheDirectory, "native", key);
        string target = Path.Combine(folder, NativeFile);
        if (File.Exists(target)) return target;
        byte[] patched = Patch(original);
        Directory.CreateDirectory(folder);
        string temporary = target + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, patched);
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    /// <summary>The version names the system libstdc++ defines, and the file they were read from.</summary>
    public static (string? Path, IReadOnlySet<string> Versions) SystemStdCxxVersions()
    {
        string? path = FindStdCxx();
        if (path is null) return (null, new HashSet<string>());
        byte[] library = File.ReadAllBytes(path);
        var versions = new HashSet<string>(ElfVersionNeeds.DefinedVersionNames(library, "GLIBCXX_"));
        versions.UnionWith(ElfVersionNeeds.DefinedVersionNames(library, "CXXABI_"));
        return (path, versions);
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        if (name != NativeName && name != NativeFile) return IntPtr.Zero;
        lock (Gate)
        {
            if (patchedHandle != IntPtr.Zero) return patchedHandle;
            try
            {
                patchedHandle = LoadPatched(assembly);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ElfFormatException or DllNotFoundException or BadImageFormatException)
            {
                Report = (Report ?? new TorchLoadFixReport(true, false, null, null, null)) with
                {
                    Problem = $"the load fix failed: {e.Message}"
                };
            }
            return patchedHandle;
        }
    }

    private static IntPtr LoadPatched(Assembly torchSharp)
    {
        string? original = FindOriginal(torchSharp);
        if (original is null)
        {
            Report = new TorchLoadFixReport(false, false, null, null,
                $"{NativeFile} was not found next to the application or in the NuGet packages folder; " +
                "restore the TorchSharp-cpu package (dotnet restore) and build again.");
            return IntPtr.Zero;
        }
        var (stdcxx, versions) = SystemStdCxxVersions();
        var missing = MissingVersions(ElfVersionNeeds.Read(File.ReadAllBytes(original)), versions);
        if (missing.Count == 0)
        {
            Report = new TorchLoadFixReport(false, false, original, null,
                $"{original} failed to load although {stdcxx ?? StdCxxLibrary} provides every version it needs; " +
                "check that the libtorch-cpu files beside it are complete (run `ldd` on it).");
            return IntPtr.Zero;
        }
        if (missing.Any(v => v != PatchableVersion))
        {
            Report = new TorchLoadFixReport(true, false, original, null,
                $"{original} requires {string.Join(", ", missing)} from {StdCxxLibrary}, which {stdcxx ?? "this system"} " +
                $"does not provide; CourseKit can stand in only for {PatchableVersion}. Install a libstdc++ from GCC 13 " +
                "or newer, or use a TorchSharp build made for this system.");
            return IntPtr.Zero;
        }
        string patched = WritePatchedCopy(original, CacheDirectory());
        string libtorch = LoadedLibtorchDirectory() ?? Path.GetDirectoryName(original)!;
        foreach (string file in LibtorchFiles)
            NativeLibrary.Load(Path.Combine(libtorch, file));
        IntPtr handle = NativeLibrary.Load(patched);
        Report = new TorchLoadFixReport(true, true, original, patched, null);
        return handle;
    }

    /// <summary>The kit's per-user cache: <c>COURSEKIT_CACHE</c>, else <c>$XDG_CACHE_HOME/coursekit</c>, else <c>~/.cache/coursekit</c>.</summary>
    public static string CacheDirectory()
    {
        string? configured = Environment.GetEnvironmentVariable("COURSEKIT_CACHE");
        if (!string.IsNullOrEmpty(configured)) return configured;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string root = !string.IsNullOrEmpty(xdg) ? xdg
            : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache")
            : Path.GetTempPath();
        return Path.Combine(root, "coursekit");
    }

    private static string? FindOriginal(Assembly torchSharp)
    {
        string rid = Path.Combine("runtimes", "linux-x64", "native", NativeFile);
        string torchDir = Path.GetDirectoryName(torchSharp.Location) ?? AppContext.BaseDirectory;
        var candidates = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, rid),
            Path.Combine(AppContext.BaseDirectory, NativeFile),
            Path.Combine(torchDir, rid),
            Path.Combine(torchDir, NativeFile),
            Path.Combine(torchDir, "..", "..", rid), // NuGet layout: torchsharp/<v>/lib/<tfm>/TorchSharp.dll
        };
        string version = torchSharp.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "";
        candidates.Add(Path.Combine(NuGetPackagesFolder(), "torchsharp", version, rid));
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string? LoadedLibtorchDirectory() =>
        LoadedLibraryPath("/libtorch_cpu.so") is { } path ? Path.GetDirectoryName(path) : null;

    private static string? FindStdCxx()
    {
        NativeLibrary.TryLoad(StdCxxLibrary, out _); // make the loader pick the one this process would use
        return LoadedLibraryPath("/" + StdCxxLibrary)
            ?? new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib" }
                .Select(d => Path.Combine(d, StdCxxLibrary)).FirstOrDefault(File.Exists);
    }

    /// <summary>The path of the loaded native library whose path ends in <paramref name="fileSuffix"/>, from /proc/self/maps.</summary>
    internal static string? LoadedLibraryPath(string fileSuffix)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (string line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/');
            if (slash >= 0 && line.EndsWith(fileSuffix, StringComparison.Ordinal)) return line[slash..];
        }
        return null;
    }
}
