using CourseKit.Clustering;
using CourseKit.Imaging;
using CourseKit.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>ROC AUC of anomaly scores (see <see cref="Applications.AnomalyDetection"/>).</summary>
/// <param name="AnomalyClass">The class left out of training.</param>
/// <param name="AutoencoderAuc">AUC of the reconstruction error.</param>
/// <param name="PixelNearestNeighbourAuc">AUC of the pixel-space distance to the nearest training image (baseline).</param>
public sealed record AnomalyResult(long AnomalyClass, double AutoencoderAuc, double PixelNearestNeighbourAuc);
