using System.Runtime.CompilerServices;
using TorchSharp;

namespace CourseKit.Runtime;

/// <summary>Thrown when TorchSharp's native libraries cannot be loaded; the message says why and what to do.</summary>
public sealed class TorchLoadException(string message, Exception? inner) : Exception(message, inner);
