using CourseKit.Density;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Tests.Generative;

public class DensityTests
{
    [Fact]
    public void Kde_with_one_sample_is_the_gaussian_kernel_and_bandwidth_search_avoids_extremes()
    {
        using var scope = NewDisposeScope();
        var single = tensor(new[,] { { 1.0, 2.0 } }, dtype: float64);
        var point = tensor(new[,] { { 0.0, 0.0 } }, dtype: float64);
        double h = 0.7, expected = -Math.Log(2 * Math.PI * h * h) - 5 / (2 * h * h);
        Assert.Equal(expected, Kde.LogDensity(single, point, h).item<double>(), 10);

        var g = new Generator().manual_seed(0);
        var train = randn(400, 1, dtype: float64, generator: g);
        var held = randn(400, 1, dtype: float64, generator: g);
        var search = Kde.ChooseBandwidth(train, held, Kde.LogSpace(0.01, 10, 30));
        Assert.InRange(search.Best, 0.1, 1.0);   // Silverman's rule gives 1.06·400^(−1/5) ≈ 0.32
        Assert.True(search.HeldOutLogLikelihood[0] < search.BestLogLikelihood - 0.5);
        Assert.True(search.HeldOutLogLikelihood[^1] < search.BestLogLikelihood - 0.5);
    }

    [Fact]
    public void Kde_gets_worse_per_dimension_as_the_dimension_grows()
    {
        var rows = CurseOfDimensionality.Measure([1, 8, 32], trainCount: 500, testCount: 200);
        Assert.True(rows[0].GapPerDimension < 0.05);
        Assert.True(rows[2].GapPerDimension > 3 * rows[0].GapPerDimension);
        Assert.True(rows[2].NearestOverFarthest > 0.4 && rows[0].NearestOverFarthest < 0.01);
    }

    [Fact]
    public void Ppca_closed_form_matches_the_eigendecomposition_and_is_the_maximum_likelihood()
    {
        using var scope = NewDisposeScope();
        var g = new Generator().manual_seed(3);
        // Data from a true PPCA model: D = 6, d = 2.
        var trueW = randn(6, 2, dtype: float64, generator: g) * 2;
        var data = randn(3000, 2, dtype: float64, generator: g).matmul(trueW.T) + 0.3 * randn(3000, 6, dtype: float64, generator: g) + 1;
        using var model = Ppca.Fit(data, 2);

        // σ² = mean of the 4 discarded eigenvalues of S; S computed independently with torch.cov (population form).
        var s = cov(data.T, correction: 0);
        var eig = linalg.eigvalsh(s).flip(0);
        Assert.Equal(eig.narrow(0, 2, 4).mean().item<double>(), model.NoiseVariance, 9);
        Assert.InRange(model.NoiseVariance, 0.08, 0.1);   // true σ² = 0.09
        // C = WWᵀ + σ²I reproduces S's top eigenvalues exactly and puts σ² in the other directions.
        var cEig = linalg.eigvalsh(model.Covariance()).flip(0);
        Assert.Equal(eig[0].item<double>(), cEig[0].item<double>(), 8);
        Assert.Equal(eig[1].item<double>(), cEig[1].item<double>(), 8);
        Assert.Equal(model.NoiseVariance, cEig[5].item<double>(), 8);

        double best = model.MeanLogLikelihood(data);
        Assert.Equal(model.ClosedFormMeanLogLikelihood(), best, 8);
        Assert.True(Ppca.Fit(data, 2) is var again && Math.Abs(again.MeanLogLikelihood(data) - best) < 1e-12);
        // Rotating W (R orthogonal) changes nothing; perturbing W or σ² lowers the likelihood.
        double angle = 0.8;
        var r = tensor(new[,] { { Math.Cos(angle), -Math.Sin(angle) }, { Math.Sin(angle), Math.Cos(angle) } }, dtype: float64);
        Assert.Equal(best, PpcaModel.MeanLogLikelihood(data, model.Mean, model.W.matmul(r), model.NoiseVariance), 8);
        for (int trial = 0; trial < 5; trial++)
        {
            var perturbed = model.W + 0.05 * randn(6, 2, dtype: float64, generator: g);
            Assert.True(PpcaModel.MeanLogLikelihood(data, model.Mean, perturbed, model.NoiseVariance) < best);
        }
        Assert.True(PpcaModel.MeanLogLikelihood(data, model.Mean, model.W, model.NoiseVariance * 1.2) < best);
        Assert.True(PpcaModel.MeanLogLikelihood(data, model.Mean, model.W, model.NoiseVariance * 0.8) < best);

        // Samples have the model's covariance.
        var samples = model.Sample(20000, g);
        Assert.True((cov(samples.T) - model.Covariance()).abs().max().item<double>() < 0.35);
    }
}
