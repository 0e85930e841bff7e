using CourseKit.Clustering;
using CourseKit.Imaging;
using CourseKit.Metrics;
using CourseKit.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Autoencoders;

/// <summary>
/// The eight autoencoder applications of the autoencoder lecture, each measured against a baseline on small subsets so they
/// run in seconds: dimensionality reduction, retrieval, anomaly detection, clustering, denoising, inpainting,
/// colourisation and the 2-D latent space.
/// </summary>
public static class Applications
{
    /// <summary>1. Dimensionality reduction: test MSE per pixel of an autoencoder and of PCA for each code size.</summary>
    public static IReadOnlyList<ReductionRow> DimensionalityReduction(Tensor train, Tensor test, IReadOnlyList<int> codeSizes, ExperimentSettings settings)
    {
        var rows = new List<ReductionRow>();
        foreach (int size in codeSizes)
        {
            using var scope = NewDisposeScope();
            var model = settings.TrainAutoencoder(train, codeSize: size);
            double ae = PixelMse(Batched.Map(test, model.call), test);
            rows.Add(new ReductionRow(size, ae, PixelMse(PcaReconstruct(train, test, size), test)));
        }
        return rows;
    }

    /// <summary>3. Retrieval: precision@k of nearest neighbours in the code space vs in pixel space.</summary>
    public static (double Latent, double Pixel) Retrieval(Autoencoder model, Tensor database, Tensor databaseLabels, Tensor queries, Tensor queryLabels, int k = 10)
    {
        using var scope = NewDisposeScope();
        var dbCodes = Batched.Map(database, model.Encode);
        var queryCodes = Batched.Map(queries, model.Encode);
        return (Metrics.Retrieval.PrecisionAtK(queryCodes, queryLabels, dbCodes, databaseLabels, k),
                Metrics.Retrieval.PrecisionAtK(queries, queryLabels, database, databaseLabels, k));
    }

    /// <summary>
    /// 4. Anomaly detection: train on every class but <paramref name="anomalyClass"/>; score test images by
    /// reconstruction error; ROC AUC of "is the held-out class". Baseline: the pixel-space distance to the nearest
    /// training image.
    /// </summary>
    public static AnomalyResult AnomalyDetection(Tensor train, Tensor trainLabels, Tensor test, Tensor testLabels, long anomalyClass, ExperimentSettings settings)
    {
        using var scope = NewDisposeScope();
        var normal = train[trainLabels != anomalyClass];
        var model = settings.TrainAutoencoder(normal);
        var error = (Batched.Map(test, model.call) - test).pow(2).reshape(test.shape[0], -1).sum(1);
        var nearest = Batched.Map(test, t => cdist(t.reshape(t.shape[0], -1), normal.reshape(normal.shape[0], -1)).min(1).values);
        bool[] isAnomaly = (testLabels == anomalyClass).data<bool>().ToArray();
        return new AnomalyResult(anomalyClass,
            RocAuc.Compute(error.to_type(float64).data<double>().ToArray(), isAnomaly),
            RocAuc.Compute(nearest.to_type(float64).data<double>().ToArray(), isAnomaly));
    }

    /// <summary>5. Clustering: k-means (k = number of classes) on pixels vs on codes, scored by NMI and ARI against the labels.</summary>
    public static ClusteringResult Clustering(Autoencoder model, Tensor images, Tensor labels, int k = 10, int seed = 0)
    {
        using var scope = NewDisposeScope();
        long[] truth = labels.data<long>().ToArray();
        var pixel = KMeans.Fit(images, k, seed: seed).Labels;
        var latent = KMeans.Fit(Batched.Map(images, model.Encode), k, seed: seed).Labels;
        return new ClusteringResult(
            ClusterAgreement.NormalizedMutualInformation(truth, pixel), ClusterAgreement.AdjustedRandIndex(truth, pixel),
            ClusterAgreement.NormalizedMutualInformation(truth, latent), ClusterAgreement.AdjustedRandIndex(truth, latent));
    }

    /// <summary>
    /// 6/7. Denoising and inpainting: train with L(x, g(f(x̃))) and report the test MSE per pixel of the corrupted
    /// input and of the restoration (both against the clean image).
    /// </summary>
    public static RestorationResult Restoration(string name, Tensor train, Tensor test, Func<Tensor, Tensor> corrupt, ExperimentSettings settings)
    {
        using var scope = NewDisposeScope();
        var model = settings.TrainAutoencoder(train, objective: new ReconstructionObjective(Corrupt: corrupt));
        manual_seed(settings.Seed + 1);
        var corrupted = corrupt(test);
        var restored = Batched.Map(corrupted, model.call);
        return new RestorationResult(name, PixelMse(corrupted, test), PixelMse(restored, test));
    }

    /// <summary>
    /// 8. Colourisation: a convolutional autoencoder from grey (1 channel) to colour (3 channels) patches; test
    /// MSE per pixel of the restoration vs the grey image copied into all three channels.
    /// </summary>
    public static RestorationResult Colourisation(Tensor trainColour, Tensor testColour, ExperimentSettings settings)
    {
        using var scope = NewDisposeScope();
        var trainGrey = ImageTensor.ToGrey(trainColour);     // Y = 0.299 R + 0.587 G + 0.114 B
        var testGrey = ImageTensor.ToGrey(testColour);
        var model = settings.TrainAutoencoder(trainGrey, trainColour);
        var coloured = Batched.Map(testGrey, model.call);
        return new RestorationResult("colourisation", PixelMse(testGrey.expand(-1, 3, -1, -1), testColour), PixelMse(coloured, testColour));
    }

    /// <summary>Random square patches (N×C×size×size) cut from one C×H×W photo.</summary>
    public static Tensor Patches(Tensor photo, int size, int count, int seed = 0)
    {
        var random = new Random(seed);
        var patches = new List<Tensor>();
        for (int i = 0; i < count; i++)
        {
            long top = random.NextInt64(photo.shape[1] - size + 1), left = random.NextInt64(photo.shape[2] - size + 1);
            patches.Add(photo[.., TensorIndex.Slice(top, top + size), TensorIndex.Slice(left, left + size)]);
        }
        var result = stack(patches);
        foreach (var p in patches) p.Dispose();
        return result;
    }

    /// <summary>PCA's reconstruction with <paramref name="components"/> principal directions of <paramref name="train"/>.</summary>
    public static Tensor PcaReconstruct(Tensor train, Tensor test, int components)
    {
        using var scope = NewDisposeScope();
        var x = train.reshape(train.shape[0], -1);
        var mean = x.mean([0]);
        var directions = Subspaces.PrincipalDirections(x, components).to_type(float32);     // D×k
        var centred = test.reshape(test.shape[0], -1) - mean;
        return (centred.matmul(directions).matmul(directions.T) + mean).reshape(test.shape).MoveToOuterDisposeScope();
    }

    /// <summary>Mean squared error per pixel.</summary>
    public static double PixelMse(Tensor a, Tensor b) => (a - b).pow(2).mean().item<float>();
}
