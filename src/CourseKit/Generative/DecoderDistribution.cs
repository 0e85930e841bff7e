using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace CourseKit.Generative;

/// <summary>What the decoder's output means: the parameters of p(x|z).</summary>
public enum DecoderDistribution
{
    /// <summary>Each pixel is a coin: p(x|z) = Πᵢ pᵢ^{xᵢ}(1 − pᵢ)^{1−xᵢ}, pᵢ = sigmoid(logitᵢ). For binary images (Kingma and Welling 2014, appendix C.1).</summary>
    Bernoulli,

    /// <summary>p(x|z) = N(x; μ(z), σ²I) with one learned σ² (Kingma and Welling 2014, appendix C.2).</summary>
    Gaussian,
}
