using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>The Dirac GAN's linear discriminator: score ψx, no bias.</summary>
public sealed class DiracDiscriminator : nn.Module<Tensor, Tensor>
{
    /// <summary>ψ.</summary>
    public Parameter Psi { get; }

    /// <summary>Starts at ψ = <paramref name="start"/>.</summary>
    public DiracDiscriminator(double start = 0) : base(nameof(DiracDiscriminator))
    {
        Psi = new Parameter(tensor(new[] { (float)start }));
        register_parameter("psi", Psi);
    }

    /// <summary>ψx (N×1).</summary>
    public override Tensor forward(Tensor x) => x * Psi;
}
