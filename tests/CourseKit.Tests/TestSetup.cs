using System.Runtime.CompilerServices;
using CourseKit.Runtime;

namespace CourseKit.Tests;

/// <summary>Starts TorchSharp (with the kit's load fix) before any test touches a tensor.</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void Start() => TorchRuntime.Initialize();
}
