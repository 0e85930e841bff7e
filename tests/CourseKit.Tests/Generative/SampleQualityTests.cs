using CourseKit.Generative.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class SampleQualityTests
{
    [Fact]
    public void Inception_score_is_K_for_confident_balanced_predictions_and_1_for_uninformative_ones()
    {
        var confident = eye(10, dtype: float64).repeat(5, 1);        // 50 images, 5 of each class, certain
        Assert.Equal(10, SampleQuality.InceptionScore(confident), 6);
        var uniform = full(50, 10, 0.1, dtype: float64);
        Assert.Equal(1, SampleQuality.InceptionScore(uniform), 6);
        var collapsed = zeros(50, 10, dtype: float64);
        collapsed[.., 3] = 1;                                         // every image is a confident "3": mode collapse
        Assert.Equal(1, SampleQuality.InceptionScore(collapsed), 6);
    }

    [Fact]
    public void Inception_score_matches_the_kl_definition_on_a_small_example()
    {
        double[,] p = { { 0.7, 0.2, 0.1 }, { 0.1, 0.8, 0.1 }, { 0.2, 0.2, 0.6 }, { 0.5, 0.4, 0.1 } };
        double[] marginal = new double[3];
        for (int i = 0; i < 4; i++) for (int k = 0; k < 3; k++) marginal[k] += p[i, k] / 4;
        double kl = 0;
        for (int i = 0; i < 4; i++) for (int k = 0; k < 3; k++) kl += p[i, k] * Math.Log(p[i, k] / marginal[k]) / 4;
        Assert.Equal(Math.Exp(kl), SampleQuality.InceptionScore(tensor(p)), 10);
    }

    [Fact]
    public void Matrix_square_roots_square_back_to_known_matrices()
    {
        var diagonal = tensor(new double[,] { { 4, 0 }, { 0, 9 } });
        Assert.True(MatrixSqrt.Symmetric(diagonal).allclose(tensor(new double[,] { { 2, 0 }, { 0, 3 } }), atol: 1e-12));
        // [[2,1],[1,2]] has eigenvalues 3 and 1: its root is ½[[√3+1, √3−1],[√3−1, √3+1]]
        var a = tensor(new double[,] { { 2, 1 }, { 1, 2 } });
        double s = Math.Sqrt(3);
        var expected = tensor(new double[,] { { (s + 1) / 2, (s - 1) / 2 }, { (s - 1) / 2, (s + 1) / 2 } });
        Assert.True(MatrixSqrt.Symmetric(a).allclose(expected, atol: 1e-12));
        Assert.True(MatrixSqrt.NewtonSchulz(a).allclose(expected, atol: 1e-9));
        manual_seed(8);
        var m = randn(6, 6, dtype: float64);
        var spd = m.matmul(m.T) + 0.1 * eye(6, dtype: float64);
        var root = MatrixSqrt.NewtonSchulz(spd, 100);
        Assert.True(root.matmul(root).allclose(spd, atol: 1e-8));
        Assert.True(MatrixSqrt.Symmetric(spd).allclose(root, atol: 1e-7));
    }

    [Fact]
    public void Frechet_distance_has_the_closed_forms_of_shifted_and_scaled_gaussians()
    {
        manual_seed(9);
        var x = randn(4000, 3, dtype: float64);
        Assert.Equal(0, SampleQuality.FrechetDistance(x, x), 9);
        // same covariance, means differing by μ: the distance is ‖μ‖² exactly (the covariance terms cancel)
        var shift = tensor(new[] { 1.0, -2.0, 0.5 });
        Assert.Equal(5.25, SampleQuality.FrechetDistance(x, x + shift), 9);
        // N(0, a²I) vs N(0, b²I) in d dimensions: d(a − b)², here with the sample covariances of the same draw
        Assert.Equal(3 * (1 - 3) * (1 - 3) * 1.0, SampleQuality.FrechetDistance(x, 3 * x) / SampleQuality.MeanAndCovariance(x).Covariance.diag().mean().item<double>(), 1);
    }

    [Fact]
    public void Classifier_metrics_batch_images_and_count_classes()
    {
        // a "classifier" that reads the class from the mean brightness: 10 brightness levels = 10 classes
        var classifier = new FeatureClassifier(
            Logits: x => nn.functional.one_hot((x.mean([1, 2, 3]) * 9.999).floor().to_type(int64), 10).to_type(float32) * 20,
            Features: x => x.flatten(1)[.., ..4]);
        var images = cat(Enumerable.Range(0, 10).Select(k => full(30, 1, 2, 2, (k + 0.5f) / 10)).ToArray(), 0);
        Assert.Equal(Enumerable.Repeat(0.1, 10), SampleQuality.ClassShares(classifier, images, batchSize: 7).Select(v => Math.Round(v, 9)));
        Assert.Equal(10, SampleQuality.InceptionScore(classifier, images, batchSize: 7), 3);
        Assert.Equal(0, SampleQuality.FrechetDistance(classifier, images, images, batchSize: 7), 6);
    }
}
