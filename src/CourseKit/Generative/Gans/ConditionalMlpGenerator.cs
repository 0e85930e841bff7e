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
