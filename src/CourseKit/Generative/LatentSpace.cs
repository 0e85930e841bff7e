using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>Walking in a latent space: interpolation, attribute vectors and the 2-D manifold grid (the autoencoder and VAE lectures; Kingma and Welling 2014, "Auto-Encoding Variational Bayes", fig. 4).</summary>
public static class LatentSpace
{
    /// <summary>h_i = h₁ + (h₂ − h₁)·i/N for i = 0 … N: N + 1 codes from h₁ to h₂ on a straight line ((N+1)×d).</summary>
    public static Tensor Interpolate(Tensor h1, Tensor h2, int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "interpolate with at least one step");
        using var scope = NewDisposeScope();
        var t = arange(steps + 1, dtype: h1.dtype).unsqueeze(1) / steps;         // i/N
        return (h1.reshape(1, -1) + (h2 - h1).reshape(1, -1) * t).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The attribute vector h_dif = mean(h | attribute) − mean(h | no attribute), from codes (N×d) and a mask
    /// saying which examples have the attribute.
    /// </summary>
    public static Tensor AttributeVector(Tensor codes, Tensor hasAttribute)
    {
        var mask = hasAttribute.to_type(ScalarType.Bool);
        long with = mask.sum().item<long>(), total = mask.shape[0];
        if (with == 0 || with == total) throw new ArgumentException("the attribute vector needs examples with and without the attribute");
        using var scope = NewDisposeScope();
        return (codes[mask].mean([0]) - codes[~mask].mean([0])).MoveToOuterDisposeScope();
    }

    /// <summary>h_new = h + α·h_dif for each α: one row per α ((count)×d).</summary>
    public static Tensor ApplyAttribute(Tensor h, Tensor attributeVector, IReadOnlyList<double> alphas)
    {
        using var scope = NewDisposeScope();
        var a = tensor(alphas.Select(v => (float)v).ToArray()).unsqueeze(1).to_type(h.dtype);
        return (h.reshape(1, -1) + a * attributeVector.reshape(1, -1)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// An n×n grid of 2-D codes covering [−extent, extent]², row by row from the top (large z₂) to the
    /// bottom, for decoding the 2-D manifold.
    /// </summary>
    public static Tensor Grid(int n, double extent = 2.5)
    {
        var values = linspace(-extent, extent, n);
        var rows = new List<float[]>();
        var v = values.data<float>().ToArray();
        for (int r = n - 1; r >= 0; r--)
            for (int c = 0; c < n; c++) rows.Add([v[c], v[r]]);
        return tensor(rows.SelectMany(p => p).ToArray()).reshape(n * n, 2);
    }

    /// <summary>Ink mass: the mean grey level of each image, a proxy for stroke thickness (an attribute MNIST has without labels).</summary>
    public static Tensor InkMass(Tensor images) => images.reshape(images.shape[0], -1).mean([1]);

    /// <summary>Radford et al.'s vector arithmetic on averaged codes: mean(a) − mean(b) + mean(c) (e.g. smiling woman − neutral woman + neutral man).</summary>
    public static Tensor Arithmetic(Tensor a, Tensor b, Tensor c) => a.mean([0]) - b.mean([0]) + c.mean([0]);
}
