using System.Net;
using CourseKit.Layers;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Assignments;

/// <summary>One visible self-check's outcome: its name, whether it passed, and why.</summary>
/// <param name="Name">What was checked ("stride 2, padding 1").</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Reason">Why it passed or failed, in words a student can act on.</param>
public sealed record SelfCheckResult(string Name, bool Passed, string Reason);
