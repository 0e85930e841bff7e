using System.Runtime.CompilerServices;
using TorchSharp;

namespace CourseKit.Runtime;

/// <summary>
/// Starts TorchSharp for the kit: applies the Linux load fix where needed, loads the CPU backend and sets the
/// thread count from the machine's cores, then lets <see cref="ConvolutionGuard"/> check oneDNN's convolution
/// gradients. Every entry point (notebooks, CLI, tests, grading workers) calls <see cref="Initialize"/>.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool initialized;

    /// <summary>The number of threads TorchSharp uses: the machine's cores unless set otherwise.</summary>
    public static int Threads { get; private set; }

    /// <summary>Loads TorchSharp once per process and sets its thread count. Safe to call many times.</summary>
    /// <param name="threads">Threads for intra-op parallelism; defaults to <see cref="Environment.ProcessorCount"/>.</param>
    /// <exception cref="TorchLoadException">The native libraries could not be loaded.</exception>
    public static void Initialize(int? threads = null)
    {
        lock (Gate)
        {
            if (!initialized)
            {
                TorchLoadFix.Register();
                try
                {
                    torch.InitializeDeviceType(DeviceType.CPU);
                }
                catch (Exception e) when (e is not TorchLoadException)
                {
                    throw new TorchLoadException(Explain(e), e);
                }
                initialized = true;
                if (OneDnnSwitch.OffRequested) OneDnnSwitch.TrySet(false);   // COURSEKIT_ONEDNN=0: ATen's kernels (see OneDnnSwitch)
                NnpackSwitch.TryDisable();   // no "Could not initialize NNPACK!" lines (see NnpackSwitch)
            }
            Threads = threads ?? Environment.ProcessorCount;
            torch.set_num_threads(Threads);
            ConvolutionGuard.Run();   // once per process: oneDNN stays on only where its convolution gradients are right
        }
    }

    private static string Explain(Exception e)
    {
        string problem = TorchLoadFix.Report?.Problem
            ?? "TorchSharp's native library libLibTorchSharp.so did not load.";
        return "CourseKit could not start TorchSharp 0.107 (libtorch-cpu 2.10): " + problem +
               " Run `dotnet run --project src/CourseKit.Cli -- doctor` for details. (TorchSharp said: " +
               e.GetBaseException().Message.Split('\n')[0].Trim() + ")";
    }

#pragma warning disable CA2255 // A module initializer in a library is deliberate: TorchSharp must see the fix first.
    [ModuleInitializer]
    internal static void RegisterLoadFix() => TorchLoadFix.Register();
#pragma warning restore CA2255
}
