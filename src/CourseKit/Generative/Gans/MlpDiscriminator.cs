using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>A fully connected discriminator: x (flattened, possibly m packed examples) → [Linear → LeakyReLU(0.2)] × depth → one score.</summary>
public sealed class MlpDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Creates the discriminator.</summary>
    /// <param name="inputSize">Features of one example (2 for points, 784 for digits) times the packing m.</param>
    /// <param name="hidden">Width of the hidden layers.</param>
    /// <param name="depth">Number of hidden layers.</param>
    public MlpDiscriminator(long inputSize, int hidden = 128, int depth = 3) : base(nameof(MlpDiscriminator))
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        long width = inputSize;
        for (int i = 0; i < depth; i++)
        {
            modules.Add(nn.Linear(width, hidden));
            modules.Add(nn.LeakyReLU(0.2));
            width = hidden;
        }
        modules.Add(nn.Linear(width, 1));
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => layers.forward(x.flatten(1));
}
