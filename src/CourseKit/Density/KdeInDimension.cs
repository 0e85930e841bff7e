using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Density;

/// <summary>One row of <see cref="CurseOfDimensionality.Measure"/>.</summary>
/// <param name="Dimension">D.</param>
/// <param name="Bandwidth">The bandwidth chosen on held-out data.</param>
/// <param name="TrueLogDensity">Mean log p(x) of the test points under the true N(0, I).</param>
/// <param name="KdeLogDensity">Mean log p_KDE(x) of the same points.</param>
/// <param name="GapPerDimension">(true − KDE)/D: nats per dimension the KDE loses (≈ KL(p‖p_KDE)/D).</param>
/// <param name="NearestOverFarthest">Mean ratio of the nearest to the farthest training distance (→ 1 as D grows).</param>
public sealed record KdeInDimension(int Dimension, double Bandwidth, double TrueLogDensity, double KdeLogDensity, double GapPerDimension, double NearestOverFarthest);
