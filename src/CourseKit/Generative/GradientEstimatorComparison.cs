using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>Means and variances of single-sample gradient estimates (see <see cref="GradientEstimators"/>).</summary>
/// <param name="ReparameterisationMean">Mean of f′(μ + σε).</param>
/// <param name="ReparameterisationVariance">Its variance across samples.</param>
/// <param name="ScoreFunctionMean">Mean of f(z)(z − μ)/σ².</param>
/// <param name="ScoreFunctionVariance">Its variance across samples.</param>
/// <param name="Samples">Number of single-sample estimates.</param>
public sealed record GradientEstimatorComparison(double ReparameterisationMean, double ReparameterisationVariance,
    double ScoreFunctionMean, double ScoreFunctionVariance, int Samples);
