using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// DCGAN's discriminator for 28×28 digits: strided convolutions instead of pooling, no fully connected layers (the last
/// 7×7 convolution makes the score), LeakyReLU(0.2), batch norm except on the input layer. Images in [−1, 1] → N×1 logits.
/// <c>extraLayers</c> adds that many 3×3 stride-1 convolutions at 14×14 and at 7×7, as in <see cref="DcganGenerator"/>.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;
    private readonly bool batchNorm;

    /// <summary>
    /// Creates the discriminator; <paramref name="inputChannels"/> &gt; 1 for packed or conditioned inputs.
    /// <paramref name="batchNorm"/> = false leaves out the hidden layers' batch norm (against the DCGAN rules; see notebook 08).
    /// <paramref name="extraLayers"/> is the number of 3×3 stride-1 convolutions added at each of 14×14 and 7×7.
    /// </summary>
    public DcganDiscriminator(int features = 32, int inputChannels = 1, bool batchNorm = true, int extraLayers = 0) : base(nameof(DcganDiscriminator))
    {
        if (extraLayers < 0) throw new ArgumentOutOfRangeException(nameof(extraLayers), extraLayers, "extraLayers counts added convolutions: 0 or more");
        this.batchNorm = batchNorm;
        layers = nn.Sequential();
        layers.append(nn.Conv2d(inputChannels, features, 4, stride: 2, padding: 1));        // 28 → 14, no batch norm on the input layer
        layers.append(nn.LeakyReLU(0.2));
        AddRefinements(features, extraLayers);
        AddBlock(nn.Conv2d(features, 2 * features, 4, stride: 2, padding: 1, bias: !batchNorm), 2 * features);   // 14 → 7
        AddRefinements(2 * features, extraLayers);
        layers.append(nn.Conv2d(2 * features, 1, 7));                                        // 7 → 1: the score
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => layers.forward(x).flatten(1);

    // convolution → batch norm (if on; it has its own shift, so the convolution has a bias only without it) → LeakyReLU
    private void AddBlock(nn.Module<Tensor, Tensor> convolution, int channels)
    {
        layers.append(convolution);
        layers.append(batchNorm ? nn.BatchNorm2d(channels) : nn.Identity());
        layers.append(nn.LeakyReLU(0.2));
    }

    private void AddRefinements(int channels, int count)
    {
        for (int i = 0; i < count; i++)
            AddBlock(nn.Conv2d(channels, channels, 3, padding: 1, bias: !batchNorm), channels);
    }
}
