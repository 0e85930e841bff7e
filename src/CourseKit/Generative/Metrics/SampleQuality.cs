using CourseKit.Models;
using static TorchSharp.torch;
using CourseKit.Runtime;

namespace CourseKit.Generative.Metrics;

/// <summary>Generated-sample quality as the GAN lecture's "how is quality measured" asks: IS, FID, and which classes appear.</summary>
public static class SampleQuality
{
    /// <summary>
    /// Inception Score (Salimans et al. 2016): exp(E_x KL(p(y|x) ‖ p(y))), p(y) the mean of p(y|x). It is K when every
    /// image is classified with certainty and the K classes are equally frequent, 1 when predictions carry no information.
    /// </summary>
    /// <param name="probabilities">N×K rows of p(y|x).</param>
    public static double InceptionScore(Tensor probabilities)
    {
        using var scope = NewDisposeScope();
        var p = probabilities.to_type(float64).clamp_min(1e-12);
        var marginal = p.mean([0], keepdim: true);
        var kl = (p * (p.log() - marginal.log())).sum(1);            // KL(p(y|x) ‖ p(y)) per image
        return Math.Exp(kl.mean().item<double>());
    }

    /// <summary>Inception Score of <paramref name="images"/> under <paramref name="classifier"/> (softmax of its logits), in batches.</summary>
    public static double InceptionScore(FeatureClassifier classifier, Tensor images, int batchSize = 500)
    {
        using var probabilities = Apply(x => nn.functional.softmax(classifier.Logits(x), 1), images, batchSize);
        return InceptionScore(probabilities);
    }

    /// <summary>
    /// Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017):
    /// ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^{1/2}). Tr (Σ₁Σ₂)^{1/2} is computed as Σ √λᵢ of the symmetric
    /// Σ₁^{1/2} Σ₂ Σ₁^{1/2}, which has the same eigenvalues as Σ₁Σ₂.
    /// </summary>
    public static double FrechetDistance(Tensor features1, Tensor features2)
    {
        using var scope = NewDisposeScope();
        var (mu1, sigma1) = MeanAndCovariance(features1);
        var (mu2, sigma2) = MeanAndCovariance(features2);
        var root1 = MatrixSqrt.Symmetric(sigma1);
        var middle = root1.matmul(sigma2).matmul(root1);
        var traceOfRoot = linalg.eigvalsh(0.5 * (middle + middle.T)).clamp_min(0).sqrt().sum();
        var meanTerm = (mu1 - mu2).square().sum();
        return (meanTerm + sigma1.trace() + sigma2.trace() - 2 * traceOfRoot).item<double>();
    }

    /// <summary>Fréchet distance between <paramref name="classifier"/>'s features of two image sets (the kit's "FID").</summary>
    public static double FrechetDistance(FeatureClassifier classifier, Tensor images1, Tensor images2, int batchSize = 500)
    {
        using var f1 = Apply(classifier.Features, images1, batchSize);
        using var f2 = Apply(classifier.Features, images2, batchSize);
        return FrechetDistance(f1, f2);
    }

    /// <summary>The share of <paramref name="images"/> the classifier assigns to each of its K classes (sums to 1).</summary>
    public static double[] ClassShares(FeatureClassifier classifier, Tensor images, int batchSize = 500)
    {
        using var logits = Apply(classifier.Logits, images, batchSize);
        return ClassShares(logits);
    }

    /// <summary>
    /// The three numbers notebook 08 and <c>coursekit train dcgan</c> give for generated images: Inception Score, Fréchet
    /// distance to <paramref name="real"/> images and class shares. The classifier's logits of the generated images are
    /// computed once and serve both the score and the shares.
    /// </summary>
    public static QualityReport Report(FeatureClassifier classifier, Tensor generated, Tensor real, int batchSize = 500)
    {
        using var logits = Apply(classifier.Logits, generated, batchSize);
        using var probabilities = nn.functional.softmax(logits, 1);
        return new QualityReport(InceptionScore(probabilities), FrechetDistance(classifier, real, generated, batchSize), ClassShares(logits));
    }

    private static double[] ClassShares(Tensor logits)
    {
        using var predicted = logits.argmax(1);
        using var counts = bincount(predicted, minlength: logits.shape[1]);
        return counts.data<long>().ToArray().Select(c => c / (double)logits.shape[0]).ToArray();
    }

    /// <summary>Mean vector and unbiased covariance (float64) of N×F rows.</summary>
    public static (Tensor Mean, Tensor Covariance) MeanAndCovariance(Tensor rows)
    {
        if (rows.dim() != 2 || rows.shape[0] < 2) throw new ArgumentException($"need an N×F matrix with N ≥ 2 rows, not {ShapeText.Of(rows)}");
        var x = rows.to_type(float64);
        var mean = x.mean([0]);
        var centred = x - mean;
        return (mean, centred.T.matmul(centred) / (x.shape[0] - 1));
    }

    private static Tensor Apply(Func<Tensor, Tensor> f, Tensor images, int batchSize)
    {
        using var noGrad = no_grad();
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
            parts.Add(f(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start))));
        var all = cat(parts, 0);
        foreach (var part in parts) part.Dispose();
        return all;
    }
}
