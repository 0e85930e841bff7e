namespace CourseKit.Generative.Autoregressive;

/// <summary>
/// The recipe of the shipped PixelCNN checkpoint, <c>data/checkpoints/pixelcnn.bin</c> (<c>coursekit train pixelcnn</c>):
/// a <see cref="PixelCnn"/> of <see cref="Channels"/> feature maps and <see cref="Layers"/> residual layers, trained for
/// <see cref="Epochs"/> epochs with Adam from <see cref="LearningRate"/> on a cosine schedule to 0.
/// </summary>
public static class ShippedPixelCnn
{
    /// <summary>Feature maps per layer.</summary>
    public const int Channels = 32;

    /// <summary>Residual type-B layers: 12 of them see 15 rows up, the 7×7 layer 3 plus one per layer.</summary>
    public const int Layers = 12;

    /// <summary>Epochs of training.</summary>
    public const int Epochs = 5;

    /// <summary>Adam's first learning rate (a cosine schedule, <c>CosineAnnealingLR</c> over the epochs, then takes it to 0).</summary>
    public const double LearningRate = 2e-3;
}
