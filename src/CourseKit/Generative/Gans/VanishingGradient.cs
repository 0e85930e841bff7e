using CourseKit.Training;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>Measures <see cref="GradientComparison"/>.</summary>
public static class VanishingGradient
{
    /// <summary>
    /// Trains only the discriminator for <paramref name="discriminatorSteps"/> steps (the generator frozen, so D becomes
    /// "too good"), then computes the generator's gradient norm under both losses on the same batch of z.
    /// </summary>
    public static GradientComparison Measure(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator,
        Func<int, Tensor> sampleReal, int latentSize, int discriminatorSteps, int batchSize = 128, double learningRate = 1e-3)
    {
        // The course's one Trainer takes the discriminator's steps; each batch is the noise z of that step's fakes.
        using var optimizer = optim.Adam(discriminator.parameters(), learningRate, 0.5, 0.999);
        Tensor DiscriminatorLoss(Tensor z, Tensor _)
        {
            Tensor fake;
            using (no_grad()) fake = generator.forward(z);
            return GanLosses.DiscriminatorLoss(GanObjective.NonSaturating, discriminator.forward(sampleReal(batchSize)), discriminator.forward(fake));
        }
        var noise = GanData.Forever(n => (randn(n, latentSize), zeros(n, dtype: int64)), batchSize);
        new Trainer(new ObjectiveStep(discriminator, optimizer, DiscriminatorLoss)).Fit(noise, discriminatorSteps);
        using var outer = NewDisposeScope();
        var z = randn(batchSize, latentSize);
        double Norm(GanObjective objective)
        {
            using var scope = NewDisposeScope();
            generator.zero_grad();
            GanLosses.GeneratorLoss(objective, discriminator.forward(generator.forward(z))).backward();
            return GradientNorm.Of(generator);
        }
        double fakeScore;
        using (no_grad()) fakeScore = discriminator.forward(generator.forward(z)).sigmoid().mean().item<float>();
        return new GradientComparison(fakeScore, Norm(GanObjective.Minimax), Norm(GanObjective.NonSaturating));
    }
}
