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
