using CourseKit.Clustering;
using CourseKit.Imaging;
using CourseKit.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>One code size of <see cref="Applications.DimensionalityReduction"/>: test MSE per pixel.</summary>
/// <param name="CodeSize">dim(h) = number of PCA components.</param>
/// <param name="Autoencoder">The autoencoder's MSE.</param>
/// <param name="Pca">PCA's MSE.</param>
public sealed record ReductionRow(int CodeSize, double Autoencoder, double Pca);
