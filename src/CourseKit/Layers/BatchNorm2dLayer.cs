using static TorchSharp.torch;

namespace CourseKit.Layers;

/// <summary>
/// Batch normalisation over the channels of N×C×H×W maps (Ioffe and Szegedy, 2015). In training each channel is
/// normalised with the mean and variance of the batch (over N, H, W), then scaled and shifted:
/// <code>x̂ = (x − μ_B) / √(σ²_B + ε),   y = γ x̂ + β</code>
/// and the running averages are updated: r ← (1 − momentum) r + momentum · batch statistic (the variance stored
/// unbiased, as PyTorch does). In evaluation the running averages replace the batch statistics.
/// </summary>
public sealed class BatchNorm2dLayer
{
    /// <summary>A layer for <paramref name="channels"/> channels: γ = 1, β = 0, running mean 0 and variance 1.</summary>
    public BatchNorm2dLayer(int channels, double momentum = 0.1, double eps = 1e-5, ScalarType dtype = ScalarType.Float32)
    {
        Gamma = ones(channels, dtype: dtype);
        Beta = zeros(channels, dtype: dtype);
        RunningMean = zeros(channels, dtype: dtype);
        RunningVar = ones(channels, dtype: dtype);
        Momentum = momentum;
        Eps = eps;
    }

    /// <summary>γ, the per-channel scale.</summary>
    public Tensor Gamma { get; set; }

    /// <summary>β, the per-channel shift.</summary>
    public Tensor Beta { get; set; }

    /// <summary>The running mean used in evaluation.</summary>
    public Tensor RunningMean { get; private set; }

    /// <summary>The running (unbiased) variance used in evaluation.</summary>
    public Tensor RunningVar { get; private set; }

    /// <summary>Weight of the newest batch in the running averages.</summary>
    public double Momentum { get; }

    /// <summary>ε, added to the variance for numerical safety.</summary>
    public double Eps { get; }

    /// <summary>What backward needs.</summary>
    public sealed record Cache(Tensor Normalized, Tensor InverseStd, bool Training);

    /// <summary>Normalises x; in training also updates the running statistics.</summary>
    public (Tensor Output, Cache Cache) Forward(Tensor x, bool training)
    {
        long[] channel = [1, -1, 1, 1];
        Tensor mean, inverseStd;
        if (training)
        {
            mean = x.mean([0, 2, 3]);
            var variance = x.var([0, 2, 3], unbiased: false);     // σ²_B = (1/M) Σ (x − μ_B)²
            long m = x.numel() / x.shape[1];
            using (no_grad())
            {
                var oldMean = RunningMean;
                var oldVar = RunningVar;
                RunningMean = ((1 - Momentum) * oldMean + Momentum * mean.detach()).MoveToOuterDisposeScope();
                RunningVar = ((1 - Momentum) * oldVar + Momentum * variance.detach() * m / (m - 1)).MoveToOuterDisposeScope();
                oldMean.Dispose();
                oldVar.Dispose();
            }
            inverseStd = (variance + Eps).rsqrt();
        }
        else
        {
            mean = RunningMean;
            inverseStd = (RunningVar + Eps).rsqrt();
        }
        var normalized = (x - mean.view(channel)) * inverseStd.view(channel);
        var y = Gamma.view(channel) * normalized + Beta.view(channel);
        return (y, new Cache(normalized, inverseStd, training));
    }

    /// <summary>
    /// ∂L/∂β = Σ dy,  ∂L/∂γ = Σ dy·x̂  (sums over N, H, W). In training the batch statistics depend on x, giving
    /// ∂L/∂x = γ/(M·σ) · (M·dy − Σ dy − x̂·Σ dy·x̂); in evaluation simply ∂L/∂x = γ/σ · dy.
    /// </summary>
    public Gradients Backward(Tensor upstream, Cache cache)
    {
        long[] channel = [1, -1, 1, 1];
        var dBeta = upstream.sum([0, 2, 3]);
        var dGamma = (upstream * cache.Normalized).sum([0, 2, 3]);
        var scale = (Gamma * cache.InverseStd).view(channel);
        if (!cache.Training) return new(upstream * scale, dGamma, dBeta);

        long m = upstream.numel() / upstream.shape[1];
        var dx = scale / m * (m * upstream - dBeta.view(channel) - cache.Normalized * dGamma.view(channel));
        return new(dx, dGamma, dBeta);
    }
}
