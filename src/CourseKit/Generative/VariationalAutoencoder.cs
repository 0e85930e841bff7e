using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace CourseKit.Generative;

/// <summary>
/// The variational autoencoder (Kingma and Welling 2013). The encoder outputs the parameters (μ, log σ²) of
/// q(z|x) = N(μ, diag σ²); the reparameterisation z = μ + σ ⊙ ε, ε ~ N(0, I), makes a sample differentiable in
/// μ and σ; the decoder outputs the parameters of p(x|z). Training maximises the ELBO
/// E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)) with p(z) = N(0, I), i.e. minimises its negative.
/// </summary>
public sealed class VariationalAutoencoder : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> encoder;
    private readonly Module<Tensor, Tensor> decoder;
    private readonly Parameter decoderLogVariance;

    private VariationalAutoencoder(string name, Module<Tensor, Tensor> encoder, Module<Tensor, Tensor> decoder,
        int latentSize, long[] imageShape, DecoderDistribution distribution) : base(name)
    {
        this.encoder = encoder;
        this.decoder = decoder;
        decoderLogVariance = Parameter(zeros(1), requires_grad: distribution == DecoderDistribution.Gaussian);
        LatentSize = latentSize;
        ImageShape = imageShape;
        Distribution = distribution;
        RegisterComponents();
    }

    /// <summary>d, the number of latent dimensions.</summary>
    public int LatentSize { get; }

    /// <summary>The C×H×W shape of one image (or [D] for vectors).</summary>
    public long[] ImageShape { get; }

    /// <summary>The decoder's likelihood p(x|z).</summary>
    public DecoderDistribution Distribution { get; }

    /// <summary>The Gaussian decoder's noise variance σ²ₓ (1 for a Bernoulli decoder, where it is unused).</summary>
    public double DecoderVariance => decoderLogVariance.exp().item<float>();

    /// <summary>The encoder: x ↦ (μ, log σ²) of q(z|x), each B×d.</summary>
    public (Tensor Mu, Tensor LogVariance) Encode(Tensor x)
    {
        var both = encoder.call(x);
        var halves = both.chunk(2, 1);
        return (halves[0], halves[1]);
    }

    /// <summary>The reparameterisation trick: z = μ + σ ⊙ ε with ε ~ N(0, I) and σ = exp(½ log σ²).</summary>
    public static Tensor Reparameterise(Tensor mu, Tensor logVariance, Generator? generator = null) =>
        mu + (0.5 * logVariance).exp() * randn(mu.shape, dtype: mu.dtype, generator: generator);

    /// <summary>The decoder's raw output for codes z: Bernoulli logits, or the Gaussian mean.</summary>
    public Tensor DecoderOutput(Tensor z) => decoder.call(z);

    /// <summary>The mean of p(x|z) as an image batch: sigmoid(logits) for Bernoulli, μ(z) for Gaussian.</summary>
    public Tensor Decode(Tensor z)
    {
        var output = DecoderOutput(z);
        return Distribution == DecoderDistribution.Bernoulli ? output.sigmoid() : output;
    }

    /// <summary>A deterministic reconstruction: the decoded posterior mean, g(μ(x)).</summary>
    public override Tensor forward(Tensor x) => Decode(Encode(x).Mu);

    /// <summary>New images: z ~ N(0, I), decoded to the mean of p(x|z).</summary>
    public Tensor Sample(int count, Generator? generator = null)
    {
        using var noGrad = no_grad();
        return Decode(randn(count, LatentSize, generator: generator));
    }

    /// <summary>
    /// log p(x|z) per example, summed over pixels. Bernoulli: Σ xᵢ log pᵢ + (1 − xᵢ) log(1 − pᵢ) (minus the
    /// binary cross-entropy with logits); Gaussian: Σ −½(log 2πσ² + (xᵢ − μᵢ)²/σ²).
    /// </summary>
    public Tensor LogLikelihood(Tensor x, Tensor z)
    {
        var output = DecoderOutput(z);
        Tensor perPixel = Distribution == DecoderDistribution.Bernoulli
            ? -binary_cross_entropy_with_logits(output, x, reduction: Reduction.None)
            : GaussianKL.LogNormal(x, output, decoderLogVariance);
        return perPixel.reshape(x.shape[0], -1).sum(1);
    }

    /// <summary>
    /// The ELBO of each example with one reparameterised sample: E_q[log p(x|z)] ≈ log p(x|z₁), and the
    /// closed-form KL(q(z|x) ‖ N(0, I)) per latent dimension.
    /// </summary>
    public ElboTerms Elbo(Tensor x, Generator? generator = null)
    {
        var (mu, logVariance) = Encode(x);
        var z = Reparameterise(mu, logVariance, generator);
        var klPerDimension = GaussianKL.PerDimension(mu, logVariance);
        return new ElboTerms(LogLikelihood(x, z), klPerDimension, mu, logVariance);
    }

    /// <summary>
    /// The training loss, the batch mean of −E_q[log p(x|z)] + β·KL(q‖p(z)); β = 1 is the VAE (−ELBO),
    /// β &gt; 1 the β-VAE.
    /// </summary>
    public Tensor Loss(Tensor x, double beta = 1.0, Generator? generator = null)
    {
        var terms = Elbo(x, generator);
        return (-terms.Reconstruction + beta * terms.KL).mean();
    }

    /// <summary>
    /// The training objective as the (inputs, targets) ↦ loss function an <see cref="Training.ObjectiveStep"/> minimises:
    /// <see cref="Loss"/> of the inputs (the targets are ignored), or, with <paramref name="dynamicBinarization"/>, of a
    /// fresh binary image Bernoulli(x) drawn for every batch (for a Bernoulli decoder on grey images). The binary images
    /// and the reparameterisation's ε are drawn from <paramref name="generator"/>, in that order, so a seeded generator
    /// repeats a run.
    /// </summary>
    /// <param name="beta">Weight β of the KL term: 1 is the VAE (−ELBO), more than 1 the β-VAE.</param>
    /// <param name="dynamicBinarization">Train on Bernoulli(x) drawn afresh for every batch instead of x.</param>
    /// <param name="generator">Source of the binarisation and of ε; the global generator when null.</param>
    /// <example>
    /// <code>
    /// var vae = VariationalAutoencoder.Mlp([1, 28, 28], [256], latentSize: 16);
    /// var objective = vae.Objective(dynamicBinarization: true, generator: new torch.Generator().manual_seed(0));
    /// var images = Mnist.Load(Split.Train, limit: 1000).Inputs;
    /// var loader = new BatchLoader(new InMemoryDataset(images, images), 128, Shuffle: true);
    /// var history = new Trainer(new ObjectiveStep(vae, torch.optim.Adam(vae.parameters(), 1e-3), objective)).Fit(loader, epochs: 2);
    /// </code>
    /// </example>
    public Func<Tensor, Tensor, Tensor> Objective(double beta = 1.0, bool dynamicBinarization = false, Generator? generator = null) =>
        (x, _) => Loss(dynamicBinarization ? Binarize.Stochastic(x, generator) : x, beta, generator);

    /// <summary>
    /// A VAE with fully connected encoder and decoder (ReLU hidden layers): Flatten → hidden → 2d outputs (μ, log σ²);
    /// d → hidden (reversed) → pixels.
    /// </summary>
    public static VariationalAutoencoder Mlp(long[] imageShape, int[] hidden, int latentSize,
        DecoderDistribution distribution = DecoderDistribution.Bernoulli)
    {
        long inputSize = imageShape.Aggregate(1L, (a, b) => a * b);
        var encoderLayers = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        long width = inputSize;
        for (int i = 0; i < hidden.Length; i++)
        {
            encoderLayers.Add(($"fc{i}", Linear(width, hidden[i])));
            encoderLayers.Add(($"relu{i}", ReLU()));
            width = hidden[i];
        }
        encoderLayers.Add(("mu_logvar", Linear(width, 2 * latentSize)));

        var decoderLayers = new List<(string, Module<Tensor, Tensor>)>();
        width = latentSize;
        for (int i = hidden.Length - 1; i >= 0; i--)
        {
            decoderLayers.Add(($"fc{i}", Linear(width, hidden[i])));
            decoderLayers.Add(($"relu{i}", ReLU()));
            width = hidden[i];
        }
        decoderLayers.Add(("out", Linear(width, inputSize)));
        decoderLayers.Add(("unflatten", Unflatten(1, imageShape)));
        return new VariationalAutoencoder("mlp_vae", Sequential(encoderLayers), Sequential(decoderLayers), latentSize, imageShape, distribution);
    }

    /// <summary>
    /// A convolutional VAE for 1×28×28 images: two stride-2 convolutions (28 → 14 → 7) to (μ, log σ²), and two
    /// stride-2 transposed convolutions back.
    /// </summary>
    public static VariationalAutoencoder Convolutional(int latentSize, DecoderDistribution distribution = DecoderDistribution.Bernoulli, int width = 32)
    {
        long flat = 2L * width * 7 * 7;
        var encoder = Sequential(
            ("conv1", Conv2d(1, width, 4, stride: 2, padding: 1)), ("relu1", ReLU()),
            ("conv2", Conv2d(width, 2 * width, 4, stride: 2, padding: 1)), ("relu2", ReLU()),
            ("flatten", Flatten()), ("mu_logvar", Linear(flat, 2 * latentSize)));
        var decoder = Sequential(
            ("fc", Linear(latentSize, flat)), ("relu0", ReLU()),
            ("unflatten", Unflatten(1, [2L * width, 7, 7])),
            ("deconv1", ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1)), ("relu1", ReLU()),
            ("deconv2", ConvTranspose2d(width, 1, 4, stride: 2, padding: 1)));
        return new VariationalAutoencoder("conv_vae", encoder, decoder, latentSize, [1, 28, 28], distribution);
    }

    /// <summary>
    /// The linear Gaussian VAE: q(z|x) = N(Ax + a, diag σ²(x)) from one linear layer, p(x|z) = N(Wz + b, σ²ₓI) from
    /// another, σ²ₓ learned. Its best ELBO is the PPCA maximum likelihood, and its W spans the PPCA subspace
    /// (the VAE lecture's homework: the link with probabilistic PCA).
    /// </summary>
    public static VariationalAutoencoder LinearGaussian(int dataSize, int latentSize) =>
        new("linear_gaussian_vae", Linear(dataSize, 2 * latentSize), Linear(latentSize, dataSize), latentSize, [dataSize], DecoderDistribution.Gaussian);

    /// <summary>The decoder's last linear layer's weight (D×d) for <see cref="LinearGaussian"/> models.</summary>
    public Tensor DecoderWeight() => ((Linear)decoder).weight!;
}
