using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CourseKit.Autoencoders;

/// <summary>
/// An autoencoder (the autoencoder lecture; Goodfellow, Bengio and Courville 2016, "Deep Learning", ch. 14): an encoder h = f(x) and a decoder r = g(h) = g(f(x)), trained so that r
/// reproduces x. Undercomplete when dim(h) &lt; dim(x), overcomplete when dim(h) ≥ dim(x). Images go in
/// and come out with the same shape (N×C×H×W); the MLP variants flatten inside.
/// </summary>
public sealed class Autoencoder : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> encoder;
    private readonly Module<Tensor, Tensor> decoder;
    private readonly Linear? sigmoidCodeLayer;

    private Autoencoder(string name, Module<Tensor, Tensor> encoder, Module<Tensor, Tensor> decoder, int codeSize, Linear? sigmoidCodeLayer = null)
        : base(name)
    {
        this.encoder = encoder;
        this.decoder = decoder;
        this.sigmoidCodeLayer = sigmoidCodeLayer;
        CodeSize = codeSize;
        RegisterComponents();
    }

    /// <summary>dim(h), the size of the code.</summary>
    public int CodeSize { get; }

    /// <summary>
    /// For <see cref="SigmoidLayer"/> autoencoders, the encoder's only layer h = sigmoid(Wx + b), whose Jacobian
    /// the contractive penalty uses in closed form; otherwise null.
    /// </summary>
    public Linear? SigmoidCodeLayer => sigmoidCodeLayer;

    /// <summary>The encoder: h = f(x).</summary>
    public Tensor Encode(Tensor x) => encoder.call(x);

    /// <summary>The decoder: r = g(h).</summary>
    public Tensor Decode(Tensor h) => decoder.call(h);

    /// <summary>The reconstruction r = g(f(x)).</summary>
    public override Tensor forward(Tensor x) => Decode(Encode(x));

    /// <summary>
    /// A fully connected autoencoder for C×H×W images: Flatten → hidden layers (ReLU) → code, and the mirror
    /// image back, with a sigmoid output so pixels stay in [0,1].
    /// </summary>
    /// <param name="imageShape">C, H, W of the images, e.g. [1, 28, 28].</param>
    /// <param name="hidden">Sizes of the hidden layers between the image and the code (may be empty).</param>
    /// <param name="codeSize">dim(h).</param>
    /// <param name="codeActivation">Optional activation of the code, e.g. "relu" (non-negative codes for an L1 penalty) or "sigmoid" (for the KL sparsity penalty).</param>
    public static Autoencoder Mlp(long[] imageShape, int[] hidden, int codeSize, string? codeActivation = null)
    {
        long inputSize = imageShape.Aggregate(1L, (a, b) => a * b);
        var encoderLayers = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        long width = inputSize;
        for (int i = 0; i < hidden.Length; i++)
        {
            encoderLayers.Add(($"fc{i}", nn.Linear(width, hidden[i])));
            encoderLayers.Add(($"relu{i}", ReLU()));
            width = hidden[i];
        }
        encoderLayers.Add(("code", nn.Linear(width, codeSize)));
        if (codeActivation is not null) encoderLayers.Add(("code_activation", Activation(codeActivation)));

        var decoderLayers = new List<(string, Module<Tensor, Tensor>)>();
        width = codeSize;
        for (int i = hidden.Length - 1; i >= 0; i--)
        {
            decoderLayers.Add(($"fc{i}", nn.Linear(width, hidden[i])));
            decoderLayers.Add(($"relu{i}", ReLU()));
            width = hidden[i];
        }
        decoderLayers.Add(("out", nn.Linear(width, inputSize)));
        decoderLayers.Add(("sigmoid", Sigmoid()));
        decoderLayers.Add(("unflatten", Unflatten(1, imageShape)));
        return new Autoencoder("mlp_autoencoder", Sequential(encoderLayers), Sequential(decoderLayers), codeSize);
    }

    /// <summary>
    /// The linear autoencoder of the autoencoder lecture (Baldi and Hornik 1989, "Neural networks and principal component analysis"; "linear activations, one hidden layer, squared loss"): h = W₁x + b₁,
    /// r = W₂h + b₂. Trained with MSE it learns the same subspace as PCA (not the same basis).
    /// </summary>
    public static Autoencoder Linear(long[] imageShape, int codeSize)
    {
        long inputSize = imageShape.Aggregate(1L, (a, b) => a * b);
        return new Autoencoder("linear_autoencoder",
            Sequential(("flatten", Flatten()), ("code", nn.Linear(inputSize, codeSize))),
            Sequential(("out", nn.Linear(codeSize, inputSize)), ("unflatten", Unflatten(1, imageShape))), codeSize);
    }

    /// <summary>
    /// One sigmoid layer h = sigmoid(Wx + b) as encoder and a linear + sigmoid decoder: the contractive
    /// autoencoder's setting, where ‖∂h/∂x‖²_F = Σᵢ (hᵢ(1 − hᵢ))² Σⱼ Wᵢⱼ² is exact and cheap.
    /// </summary>
    public static Autoencoder SigmoidLayer(long[] imageShape, int codeSize)
    {
        long inputSize = imageShape.Aggregate(1L, (a, b) => a * b);
        var layer = nn.Linear(inputSize, codeSize);
        return new Autoencoder("sigmoid_autoencoder",
            Sequential(("flatten", Flatten()), ("code", layer), ("sigmoid", Sigmoid())),
            Sequential(("out", nn.Linear(codeSize, inputSize)), ("sigmoid", Sigmoid()), ("unflatten", Unflatten(1, imageShape))),
            codeSize, layer);
    }

    /// <summary>
    /// A convolutional autoencoder for square images whose side is divisible by 4: two stride-2 convolutions
    /// (side → side/4), a linear code, then two stride-2 transposed convolutions back. Input and output channel
    /// counts may differ (e.g. 1 → 3 for colourisation).
    /// </summary>
    public static Autoencoder Convolutional(int inChannels, int outChannels, int side, int codeSize, int width = 32)
    {
        if (side % 4 != 0) throw new ArgumentException($"the convolutional autoencoder halves the image twice; side {side} is not divisible by 4", nameof(side));
        int quarter = side / 4;
        long flat = 2L * width * quarter * quarter;
        var encoder = Sequential(
            ("conv1", Conv2d(inChannels, width, 3, stride: 2, padding: 1)), ("relu1", ReLU()),
            ("conv2", Conv2d(width, 2 * width, 3, stride: 2, padding: 1)), ("relu2", ReLU()),
            ("flatten", Flatten()), ("code", nn.Linear(flat, codeSize)));
        var decoder = Sequential(
            ("fc", nn.Linear(codeSize, flat)), ("relu0", ReLU()),
            ("unflatten", Unflatten(1, [2L * width, quarter, quarter])),
            ("deconv1", ConvTranspose2d(2 * width, width, 3, stride: 2, padding: 1, output_padding: 1)), ("relu1", ReLU()),
            ("deconv2", ConvTranspose2d(width, outChannels, 3, stride: 2, padding: 1, output_padding: 1)), ("sigmoid", Sigmoid()));
        return new Autoencoder("conv_autoencoder", encoder, decoder, codeSize);
    }

    private static Module<Tensor, Tensor> Activation(string name) => name switch
    {
        "relu" => ReLU(),
        "sigmoid" => Sigmoid(),
        "tanh" => Tanh(),
        _ => throw new ArgumentException($"unknown code activation '{name}'; use relu, sigmoid or tanh", nameof(name)),
    };
}
