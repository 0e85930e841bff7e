using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>A fully connected generator: z → [Linear → BatchNorm → ReLU] × depth → Linear (→ tanh if asked).</summary>
public sealed class MlpGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;
    private readonly long[] outputShape;

    /// <summary>Creates the generator.</summary>
    /// <param name="latentSize">Size of z.</param>
    /// <param name="outputShape">Shape of one example, e.g. [2] for points or [1, 28, 28] for digits.</param>
    /// <param name="hidden">Width of the hidden layers.</param>
    /// <param name="depth">Number of hidden layers.</param>
    /// <param name="tanhOutput">Squash outputs to [−1, 1] (for images scaled to [−1, 1]).</param>
    /// <param name="batchNorm">Batch-normalise the hidden layers (helps on images; on 2-D toys the train/eval statistics gap blurs the modes).</param>
    public MlpGenerator(int latentSize, long[] outputShape, int hidden = 128, int depth = 3, bool tanhOutput = false, bool batchNorm = true) : base(nameof(MlpGenerator))
    {
        this.outputShape = outputShape;
        long outputs = outputShape.Aggregate(1L, (a, b) => a * b);
        var modules = new List<nn.Module<Tensor, Tensor>>();
        long width = latentSize;
        for (int i = 0; i < depth; i++)
        {
            modules.Add(nn.Linear(width, hidden));
            if (batchNorm) modules.Add(nn.BatchNorm1d(hidden));
            modules.Add(nn.ReLU());
            width = hidden;
        }
        modules.Add(nn.Linear(width, outputs));
        if (tanhOutput) modules.Add(nn.Tanh());
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => layers.forward(z).reshape([z.shape[0], .. outputShape]);
}
