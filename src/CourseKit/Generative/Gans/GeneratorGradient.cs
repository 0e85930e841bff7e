using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>
/// Why the minimax generator loss "saturates" (Goodfellow et al. 2014, "Generative Adversarial Nets", section 3): the gradient of the generator's loss with respect
/// to the discriminator's logit a, where D(G(z)) = σ(a), as a function of D(G(z)). Closed forms:
/// d/da log(1 − σ(a)) = −σ(a) = −D (tiny when the fake is obviously fake, D ≈ 0) and
/// d/da [−log σ(a)] = −(1 − σ(a)) = −(1 − D) (largest exactly there).
/// </summary>
public static class GeneratorGradient
{
    /// <summary>
    /// |∂loss_G/∂a| at each of <paramref name="discriminatorOutputs"/> (values of D(G(z)) in (0, 1)), computed by autograd
    /// through <see cref="GanLosses.GeneratorLoss"/> (one example per value, so the mean is the value itself).
    /// </summary>
    public static double[] Magnitude(GanObjective objective, double[] discriminatorOutputs)
    {
        if (discriminatorOutputs.Any(d => d <= 0 || d >= 1))
            throw new ArgumentException("D(G(z)) must lie strictly between 0 and 1");
        using var scope = NewDisposeScope();
        var result = new double[discriminatorOutputs.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double d = discriminatorOutputs[i];
            var logit = tensor(new[] { Math.Log(d / (1 - d)) }, dtype: float64).requires_grad_(true);   // a = σ⁻¹(D)
            GanLosses.GeneratorLoss(objective, logit).backward();
            result[i] = Math.Abs(logit.grad!.item<double>());
        }
        return result;
    }

    /// <summary>The generator's loss itself at each D(G(z)) (the GAN lecture's curves log(1 − D) and −log D).</summary>
    public static double[] Loss(GanObjective objective, double[] discriminatorOutputs)
    {
        using var scope = NewDisposeScope();
        return discriminatorOutputs.Select(d =>
        {
            var logit = tensor(new[] { Math.Log(d / (1 - d)) }, dtype: float64);
            return GanLosses.GeneratorLoss(objective, logit).item<double>();
        }).ToArray();
    }

    /// <summary><paramref name="count"/> values of D(G(z)) evenly spaced in (0, 1), excluding the ends.</summary>
    public static double[] Grid(int count = 99) => Enumerable.Range(1, count).Select(i => i / (double)(count + 1)).ToArray();
}

/// <summary>The GAN lecture's "diminished gradient", measured: how hard each generator loss pushes once the discriminator wins.</summary>
/// <param name="FakeScore">Mean D(G(z)) of the trained discriminator.</param>
/// <param name="MinimaxNorm">‖∂loss_G/∂θ_G‖ for log(1 − D(G(z))).</param>
/// <param name="NonSaturatingNorm">‖∂loss_G/∂θ_G‖ for −log D(G(z)).</param>
public sealed record GradientComparison(double FakeScore, double MinimaxNorm, double NonSaturatingNorm);

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
        using var optimizer = optim.Adam(discriminator.parameters(), learningRate, 0.5, 0.999);
        for (int i = 0; i < discriminatorSteps; i++)
        {
            using var scope = NewDisposeScope();
            Tensor fake;
            using (no_grad()) fake = generator.forward(randn(batchSize, latentSize));
            var loss = GanLosses.DiscriminatorLoss(GanObjective.NonSaturating, discriminator.forward(sampleReal(batchSize)), discriminator.forward(fake));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        using var outer = NewDisposeScope();
        var z = randn(batchSize, latentSize);
        double Norm(GanObjective objective)
        {
            using var scope = NewDisposeScope();
            generator.zero_grad();
            GanLosses.GeneratorLoss(objective, discriminator.forward(generator.forward(z))).backward();
            return Math.Sqrt(generator.parameters().Sum(p => p.grad is null ? 0 : p.grad.square().sum().item<float>()));
        }
        double fakeScore;
        using (no_grad()) fakeScore = discriminator.forward(generator.forward(z)).sigmoid().mean().item<float>();
        return new GradientComparison(fakeScore, Norm(GanObjective.Minimax), Norm(GanObjective.NonSaturating));
    }
}
