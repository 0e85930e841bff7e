using TorchSharp;

namespace CourseKit.Generative.Gans;

/// <summary>
/// A generator and its discriminator held as one module, so that the <see cref="Training.Trainer"/> switches both
/// between training and evaluation mode and saves both in one checkpoint (<c>generator.*</c>, <c>discriminator.*</c>).
/// </summary>
public sealed class GanPair : torch.nn.Module
{
    /// <summary>The pair (<paramref name="generator"/>, <paramref name="discriminator"/>).</summary>
    public GanPair(torch.nn.Module generator, torch.nn.Module discriminator) : base(nameof(GanPair))
    {
        Generator = generator;
        Discriminator = discriminator;
        register_module("generator", generator);
        register_module("discriminator", discriminator);
    }

    /// <summary>G: noise (and, if conditional, a label) to an example.</summary>
    public torch.nn.Module Generator { get; }

    /// <summary>D: an example (and, if conditional, a label) to a score.</summary>
    public torch.nn.Module Discriminator { get; }
}
