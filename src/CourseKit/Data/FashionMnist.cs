using static TorchSharp.torch;

namespace CourseKit.Data;

/// <summary>Fashion-MNIST: 70000 28×28 grey pictures of clothing in 10 classes, Zalando Research; MIT licence.</summary>
public static class FashionMnist
{
    /// <summary>The dataset's description: folder <c>fashion-mnist</c>, the ten clothing classes.</summary>
    public static readonly IdxImageDataset Definition =
        new("Fashion-MNIST", "fashion-mnist",
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]);

    /// <summary>Loads Fashion-MNIST's training (60000) or test (10000) images as N×1×28×28 in [0,1], optionally only the first <paramref name="limit"/>.</summary>
    public static ImageDataset Load(Split split = Split.Train, int? limit = null) => Definition.Load(split, limit);
}
