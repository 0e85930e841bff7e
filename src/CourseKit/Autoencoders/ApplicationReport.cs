using CourseKit.Data;
using CourseKit.Imaging;
using CourseKit.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>
/// Runs the eight applications of the autoencoder lecture on MNIST subsets (and colour photo patches) and prints their
/// numbers: the figures notebook 06 shows, in one command (<c>coursekit report autoencoders</c>).
/// </summary>
public static class ApplicationReport
{
    /// <summary>Runs every application with <paramref name="trainCount"/> training and <paramref name="testCount"/> test images and writes one line per result.</summary>
    public static void Run(TextWriter output, int trainCount = 5000, int testCount = 1000, int epochs = 10, CancellationToken cancellationToken = default)
    {
        using var train = Mnist.Load(Split.Train, trainCount);
        using var test = Mnist.Load(Split.Test, testCount);
        var settings = new ExperimentSettings([256], CodeSize: 32, Epochs: epochs);
        var x = train.Inputs;
        var t = test.Inputs;

        foreach (var row in Applications.DimensionalityReduction(x, t, [2, 8, 32], settings))
            output.WriteLine($"1 dimensionality reduction, code {row.CodeSize,2}: test MSE/pixel autoencoder {row.Autoencoder:F4}, PCA {row.Pca:F4}");
        cancellationToken.ThrowIfCancellationRequested();

        using var model = settings.TrainAutoencoder(x);
        var (latent, pixel) = Applications.Retrieval(model, x, train.Targets, t, test.Targets, k: 10);
        output.WriteLine($"3 retrieval: precision@10 in code space {latent:F3}, in pixel space {pixel:F3}");

        foreach (long digit in new long[] { 0, 1, 7 })
        {
            var anomaly = Applications.AnomalyDetection(x, train.Targets, t, test.Targets, digit, settings);
            output.WriteLine($"4 anomaly detection, held-out digit {digit}: ROC AUC reconstruction error {anomaly.AutoencoderAuc:F3}, pixel nearest-neighbour baseline {anomaly.PixelNearestNeighbourAuc:F3}");
            cancellationToken.ThrowIfCancellationRequested();
        }

        var clustering = Applications.Clustering(model, t, test.Targets);
        output.WriteLine($"5 clustering (k-means, k = 10, {testCount} test images): NMI pixels {clustering.PixelNmi:F3} vs codes {clustering.LatentNmi:F3}; ARI pixels {clustering.PixelAri:F3} vs codes {clustering.LatentAri:F3}");

        var noise = new (string Name, Func<Tensor, Tensor> Corrupt)[]
        {
            ("denoising, Gaussian σ = 0.3", v => Corruption.Gaussian(v, 0.3)),
            ("denoising, salt and pepper 20%", v => Corruption.SaltAndPepper(v, 0.2)),
            ("denoising, masking 40%", v => Corruption.Masking(v, 0.4)),
            ("inpainting, 12×12 occlusion", v => Corruption.Occlude(v, 12)),
        };
        foreach (var (name, corrupt) in noise)
        {
            var result = Applications.Restoration(name, x, t, corrupt, settings);
            output.WriteLine($"6/7 {name}: test MSE/pixel corrupted {result.CorruptedMse:F4} → restored {result.RestoredMse:F4}");
            cancellationToken.ThrowIfCancellationRequested();
        }

        var (colourTrain, colourTest) = ColourPatches();
        var colour = Applications.Colourisation(colourTrain, colourTest, settings with { Epochs = 3 * epochs });
        output.WriteLine($"8 colourisation (16×16 patches): test MSE/pixel grey-as-RGB {colour.CorruptedMse:F4} → autoencoder {colour.RestoredMse:F4}");

        using var twoD = settings.TrainAutoencoder(x, codeSize: 2);
        var codes = Batched.Map(t, twoD.Encode);
        var twoDClusters = Applications.Clustering(twoD, t, test.Targets);
        output.WriteLine($"2-D latent space: codes span [{codes.min().item<float>():F1}, {codes.max().item<float>():F1}]; k-means NMI in 2-D {twoDClusters.LatentNmi:F3}");
    }

    /// <summary>
    /// Colour patches for colourisation: 16×16 patches of chelsea, coffee and astronaut (resized to 128×128) for
    /// training, of the rocket photo for testing (a photo the model never saw).
    /// </summary>
    public static (Tensor Train, Tensor Test) ColourPatches(int perPhoto = 600)
    {
        using var scope = NewDisposeScope();
        var trainPatches = new[] { "chelsea", "coffee", "astronaut" }
            .Select((name, i) => Applications.Patches(ImageTensor.Resize(Photos.Load(name), 128, 128), 16, perPhoto, seed: i)).ToList();
        var test = Applications.Patches(ImageTensor.Resize(Photos.Load("rocket"), 128, 128), 16, perPhoto / 3, seed: 9);
        return (cat(trainPatches, 0).MoveToOuterDisposeScope(), test.MoveToOuterDisposeScope());
    }
}
