using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Training;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Models;

/// <summary>One row of a <see cref="ModelSummary"/>: a stage, its output shape and its parameter count.</summary>
/// <param name="Name">The stage's name in the model.</param>
/// <param name="Type">The module's type, e.g. Conv2d.</param>
/// <param name="OutputShape">The stage's output shape for the summarised input (batch dimension first).</param>
/// <param name="Parameters">The number of parameters the stage owns.</param>
public sealed record LayerSummary(string Name, string Type, long[] OutputShape, long Parameters);
