using CourseKit.Clustering;
using CourseKit.Imaging;
using CourseKit.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>k-means agreement with the labels, pixels vs codes.</summary>
/// <param name="PixelNmi">NMI of k-means on pixels.</param>
/// <param name="PixelAri">ARI of k-means on pixels.</param>
/// <param name="LatentNmi">NMI of k-means on codes.</param>
/// <param name="LatentAri">ARI of k-means on codes.</param>
public sealed record ClusteringResult(double PixelNmi, double PixelAri, double LatentNmi, double LatentAri);
