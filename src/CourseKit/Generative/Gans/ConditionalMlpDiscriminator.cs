using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

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
