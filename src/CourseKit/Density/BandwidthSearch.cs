using TorchSharp;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Density;

/// <summary>The outcome of <see cref="Kde.ChooseBandwidth"/>: every candidate's held-out score and the best.</summary>
/// <param name="Bandwidths">The candidates h.</param>
/// <param name="HeldOutLogLikelihood">Mean held-out log p(x) (nats) for each candidate.</param>
/// <param name="Best">The h with the highest held-out log-likelihood.</param>
/// <param name="BestLogLikelihood">Its mean held-out log-likelihood.</param>
public sealed record BandwidthSearch(double[] Bandwidths, double[] HeldOutLogLikelihood, double Best, double BestLogLikelihood);
