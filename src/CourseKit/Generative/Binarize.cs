using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>Binarised MNIST, the VAE literature's benchmark: pixels in [0,1] turned into coin flips.</summary>
public static class Binarize
{
    /// <summary>
    /// x_bin ~ Bernoulli(x): each pixel is 1 with probability equal to its grey level. Applied afresh to every
    /// training batch this is "dynamic binarisation"; applied once with a fixed seed it gives a fixed binary test set.
    /// </summary>
    public static Tensor Stochastic(Tensor images, Generator? generator = null) => bernoulli(images, generator);

    /// <summary>A fixed binary copy of <paramref name="images"/>: Bernoulli(x) drawn once with <paramref name="seed"/>.</summary>
    public static Tensor Fixed(Tensor images, int seed = 0) => bernoulli(images, new Generator().manual_seed(seed));
}
