using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Layers;

/// <summary>One gradient check: a name, the relative error found and whether it is within the tolerance.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="RelativeError">cs231n's relative error between the two gradients.</param>
/// <param name="Tolerance">The largest error that passes.</param>
public sealed record GradCheckResult(string Name, double RelativeError, double Tolerance)
{
    /// <summary>True when <see cref="RelativeError"/> ≤ <see cref="Tolerance"/>.</summary>
    public bool Passed => RelativeError <= Tolerance;

    /// <summary>e.g. <c>Conv2d dx: 3.1E-10 ok</c>.</summary>
    public override string ToString() =>
        $"{Name}: {RelativeError.ToString("E1", CultureInfo.InvariantCulture)} {(Passed ? "ok" : "FAILED")}";
}
