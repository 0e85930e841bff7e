using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// DCGAN's generator for 28×28 digits (Radford et al. 2016), following the paper's architecture guidelines: transposed convolutions to
/// upsample, no fully connected hidden layers, batch norm everywhere except the output, ReLU inside and tanh at the output.
/// z (N×latent) → 7×7 → 14×14 → 28×28, values in [−1, 1]. <c>extraLayers</c> adds that many 3×3 stride-1 convolutions
/// (with batch norm and ReLU) at 7×7 and at 14×14: deeper, not wider, which is what the shipped generator uses.
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>
    /// Creates the generator; <paramref name="features"/> is the width of the last hidden layer (the first has twice as
    /// many); <paramref name="extraLayers"/> is the number of 3×3 stride-1 convolutions added at each of 7×7 and 14×14.
    /// </summary>
    public DcganGenerator(int latentSize = 64, int features = 32, int extraLayers = 0) : base(nameof(DcganGenerator))
    {
        if (extraLayers < 0) throw new ArgumentOutOfRangeException(nameof(extraLayers), extraLayers, "extraLayers counts added convolutions: 0 or more");
        LatentSize = latentSize;
        layers = nn.Sequential();
        AddBlock(nn.ConvTranspose2d(latentSize, 2 * features, 7, bias: false), 2 * features);                    // 1×1 → 7×7
        AddRefinements(2 * features, extraLayers);
        AddBlock(nn.ConvTranspose2d(2 * features, features, 4, stride: 2, padding: 1, bias: false), features);   // 7×7 → 14×14
        AddRefinements(features, extraLayers);
        layers.append(nn.ConvTranspose2d(features, 1, 4, stride: 2, padding: 1));                               // 14×14 → 28×28, no batch norm
        layers.append(nn.Tanh());
        RegisterComponents();
    }

    /// <summary>Size of z.</summary>
    public int LatentSize { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => layers.forward(z.reshape(z.shape[0], z.shape[1], 1, 1));

    // convolution → batch norm → ReLU (the convolution has no bias: batch norm's shift replaces it)
    private void AddBlock(nn.Module<Tensor, Tensor> convolution, int channels)
    {
        layers.append(convolution);
        layers.append(nn.BatchNorm2d(channels));
        layers.append(nn.ReLU());
    }

    // 3×3 stride-1 convolutions keep the size and add depth at this resolution.
    private void AddRefinements(int channels, int count)
    {
        for (int i = 0; i < count; i++)
            AddBlock(nn.Conv2d(channels, channels, 3, padding: 1, bias: false), channels);
    }
}
