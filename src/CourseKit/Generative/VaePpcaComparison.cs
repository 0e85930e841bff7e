using CourseKit.Autoencoders;
using CourseKit.Data;
using CourseKit.Density;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>The outcome of <see cref="VaePpcaLink.Compare"/>.</summary>
/// <param name="PpcaLogLikelihood">PPCA's maximum mean log-likelihood (nats per example).</param>
/// <param name="VaeElbo">The trained linear VAE's mean ELBO on the same data (≤ the PPCA value).</param>
/// <param name="LargestPrincipalAngle">Largest principal angle (radians) between the VAE decoder's W and W_ML.</param>
/// <param name="PpcaNoiseVariance">σ²_ML.</param>
/// <param name="VaeNoiseVariance">The VAE decoder's learned σ²ₓ.</param>
/// <param name="LossHistory">The VAE's −ELBO per step.</param>
public sealed record VaePpcaComparison(double PpcaLogLikelihood, double VaeElbo, double LargestPrincipalAngle,
    double PpcaNoiseVariance, double VaeNoiseVariance, double[] LossHistory);
