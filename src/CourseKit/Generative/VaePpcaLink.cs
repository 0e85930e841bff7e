using CourseKit.Autoencoders;
using CourseKit.Data;
using CourseKit.Density;
using CourseKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CourseKit.Generative;

/// <summary>
/// The VAE lecture's homework, "the link with probabilistic PCA", answered by numbers: a VAE whose encoder and
/// decoder are linear and whose decoder is Gaussian is PPCA plus an approximate posterior. At PPCA's maximum
/// likelihood solution (R = I) the true posterior N(M⁻¹Wᵀ(x − μ), σ²M⁻¹) has a diagonal covariance, so the
/// VAE's diagonal q can match it exactly and its best ELBO equals PPCA's maximum log-likelihood.
/// </summary>
public static class VaePpcaLink
{
    /// <summary>
    /// The linear Gaussian VAE set to PPCA's solution, no training: decoder p(x|z) = N(Wz + μ, σ²I) with W_ML,
    /// σ²_ML; encoder q(z|x) = the exact posterior N(M⁻¹Wᵀ(x − μ), σ²M⁻¹), M = WᵀW + σ²I (diagonal because R = I).
    /// Its ELBO equals the PPCA log-likelihood, since KL(q‖p(z|x)) = 0.
    /// </summary>
    public static VariationalAutoencoder FromPpca(PpcaModel ppca)
    {
        int dim = (int)ppca.DataDimension, d = (int)ppca.LatentDimension;
        var vae = VariationalAutoencoder.LinearGaussian(dim, d);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var m = ppca.W.T.matmul(ppca.W) + ppca.NoiseVariance * eye(d, dtype: float64);
        var meanMap = linalg.solve(m, ppca.W.T);                                   // M⁻¹Wᵀ (d×D)
        var posteriorLogVariance = (ppca.NoiseVariance * linalg.inv(m).diagonal()).log();
        var parameters = vae.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        parameters["encoder.weight"].copy_(cat([meanMap, zeros(d, dim, dtype: float64)], 0));
        parameters["encoder.bias"].copy_(cat([-meanMap.matmul(ppca.Mean), posteriorLogVariance], 0));
        parameters["decoder.weight"].copy_(ppca.W);
        parameters["decoder.bias"].copy_(ppca.Mean);
        parameters["decoderLogVariance"].fill_(Math.Log(ppca.NoiseVariance));
        return vae;
    }

    /// <summary>
    /// Fits PPCA in closed form and trains a <see cref="VariationalAutoencoder.LinearGaussian"/> VAE on the same
    /// vectors (N×D) with full-batch Adam for <paramref name="steps"/> steps, then compares likelihood, subspace and noise variance.
    /// </summary>
    public static VaePpcaComparison Compare(Tensor data, int latentSize, int steps = 300, double learningRate = 0.1, int seed = 0)
    {
        using var scope = NewDisposeScope();
        var x = data.reshape(data.shape[0], -1).to_type(float32);
        using var ppca = Ppca.Fit(x, latentSize);
        manual_seed(seed);
        var vae = VariationalAutoencoder.LinearGaussian((int)x.shape[1], latentSize);
        var generator = new Generator().manual_seed(seed);
        var loader = new BatchLoader(new InMemoryDataset(x, x), (int)x.shape[0]);   // one batch: the whole data set, so an epoch is a step
        var step = new ObjectiveStep(vae, optim.Adam(vae.parameters(), lr: learningRate), vae.Objective(generator: generator));
        var history = new Trainer(step).Fit(loader, epochs: steps).TrainLosses;
        var score = VaeEvaluation.Evaluate(vae, x, samples: 50, seed: seed);
        double[] angles = Subspaces.PrincipalAngles(vae.DecoderWeight().detach(), ppca.W);
        return new VaePpcaComparison(ppca.MeanLogLikelihood(x), -score.NegativeElbo, angles.Max(),
            ppca.NoiseVariance, vae.DecoderVariance, history);
    }
}
