using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// The Dirac GAN (Mescheder et al. 2018): data is the single point x = 1, the generator is one number θ (G(z) = θ) and the
/// discriminator is D(x) = σ(ψx). The equilibrium is θ = 1, ψ = 0, yet simultaneous gradient play circles around it: the
/// GAN lecture's "convergence is not guaranteed", in two parameters.
/// </summary>
public sealed class DiracGenerator : nn.Module<Tensor, Tensor>
{
    /// <summary>θ.</summary>
    public Parameter Theta { get; }

    /// <summary>Starts at θ = <paramref name="start"/>.</summary>
    public DiracGenerator(double start = 0) : base(nameof(DiracGenerator))
    {
        Theta = new Parameter(tensor(new[] { (float)start }));
        register_parameter("theta", Theta);
    }

    /// <summary>θ for every row of z (N×1).</summary>
    public override Tensor forward(Tensor z) => Theta.expand(z.shape[0], 1);
}
