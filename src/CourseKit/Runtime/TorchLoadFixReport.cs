using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace CourseKit.Runtime;

/// <summary>What the load fix found and did; shown by <c>coursekit doctor</c>.</summary>
/// <param name="Needed">True when this system's libstdc++ lacks a version LibTorchSharp requires.</param>
/// <param name="Applied">True when the patched copy was loaded in place of TorchSharp's own.</param>
/// <param name="OriginalLibrary">TorchSharp's <c>libLibTorchSharp.so</c>, if found.</param>
/// <param name="PatchedLibrary">The kit's patched copy, if one was made.</param>
/// <param name="Problem">Why loading failed and what to do, when it did.</param>
public sealed record TorchLoadFixReport(bool Needed, bool Applied, string? OriginalLibrary, string? PatchedLibrary, string? Problem);
