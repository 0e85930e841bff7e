using CourseKit.Data;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Detection;

/// <summary>Settings of an R-CNN-style detector.</summary>
/// <param name="CropSize">Side of the warped regions.</param>
/// <param name="Context">Pixels of context added around each region before warping (R-CNN used 16 at 227 px).</param>
/// <param name="ScoreThreshold">Detections below this class probability are dropped.</param>
/// <param name="NmsThreshold">IoU above which a lower-scoring detection of the same class is suppressed.</param>
public sealed record RcnnOptions(int CropSize = 24, float Context = 2, float ScoreThreshold = 0.05f, double NmsThreshold = 0.3);
