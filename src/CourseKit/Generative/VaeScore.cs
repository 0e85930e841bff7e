using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>How well a VAE models a test set, in nats per image and bits per dimension.</summary>
/// <param name="NegativeElbo">Mean −ELBO = −E_q[log p(x|z)] + KL (nats per image), an upper bound on −log p(x).</param>
/// <param name="Reconstruction">Mean −E_q[log p(x|z)] (nats).</param>
/// <param name="KL">Mean KL(q(z|x) ‖ p(z)) (nats).</param>
/// <param name="KLPerDimension">Mean KL of each latent dimension (nats); ≈ 0 means the dimension collapsed to the prior.</param>
/// <param name="Dimensions">D, the number of pixels, for bits/dim.</param>
public sealed record VaeScore(double NegativeElbo, double Reconstruction, double KL, double[] KLPerDimension, long Dimensions)
{
    /// <summary>−ELBO in bits per dimension: nats / (D ln 2).</summary>
    public double BitsPerDimension => NegativeElbo / (Dimensions * Math.Log(2));

    /// <summary>Latent dimensions whose mean KL exceeds <paramref name="threshold"/> nats (the others collapsed).</summary>
    public int ActiveDimensions(double threshold = 0.01) => KLPerDimension.Count(k => k > threshold);
}
