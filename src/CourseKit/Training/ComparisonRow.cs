using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Data;
using CourseKit.Models;
using CourseKit.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Training;

/// <summary>One model's line in a <see cref="ModelComparison"/>.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Parameters">Its trainable parameters.</param>
/// <param name="TestAccuracy">Accuracy on the test set after training.</param>
/// <param name="TrainingSeconds">Wall-clock training time.</param>
/// <param name="History">Its epoch-by-epoch metrics.</param>
public sealed record ComparisonRow(string Name, long Parameters, double TestAccuracy, double TrainingSeconds, TrainingHistory History);
