using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// A class-conditional MLP generator (Mirza &amp; Osindero 2014, "Conditional Generative Adversarial Nets"): G(z, y) reads z concatenated with the
/// one-hot label y, so the label chooses the digit and z its style.
/// </summary>
public sealed class ConditionalMlpGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly MlpGenerator body;

    /// <summary>Creates the generator for <paramref name="classes"/> classes of examples shaped <paramref name="outputShape"/>.</summary>
    public ConditionalMlpGenerator(int latentSize, int classes, long[] outputShape, int hidden = 256) : base(nameof(ConditionalMlpGenerator))
    {
        Classes = classes;
        body = new MlpGenerator(latentSize + classes, outputShape, hidden, depth: 2, tanhOutput: true);
        RegisterComponents();
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z, Tensor labels) =>
        body.forward(cat([z, nn.functional.one_hot(labels, Classes).to_type(z.dtype)], 1));
}

/// <summary>The matching conditional discriminator D(x, y): the flattened example concatenated with the one-hot label.</summary>
public sealed class ConditionalMlpDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly MlpDiscriminator body;
    private readonly int classes;

    /// <summary>Creates the discriminator for examples of <paramref name="inputSize"/> features.</summary>
    public ConditionalMlpDiscriminator(long inputSize, int classes, int hidden = 256) : base(nameof(ConditionalMlpDiscriminator))
    {
        this.classes = classes;
        body = new MlpDiscriminator(inputSize + classes, hidden, depth: 2);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x, Tensor labels) =>
        body.forward(cat([x.flatten(1), nn.functional.one_hot(labels, classes).to_type(x.dtype)], 1));
}

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
