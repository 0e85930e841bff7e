using CourseKit.Training;
using CourseKit.Visualization;
using static TorchSharp.torch;

namespace CourseKit.Generative.Gans;

/// <summary>The pictures of notebook 08, each one call.</summary>
public static class GanPictures
{
    /// <summary>Goodfellow et al. 2014's figure of the two generator losses' gradients, as a chart: |∂loss_G/∂logit| against D(G(z)) for the minimax and non-saturating losses.</summary>
    public static RichOutput SaturationPlot()
    {
        var d = GeneratorGradient.Grid();
        return Charts.Lines("Generator gradient as a function of D(G(z))", "D(G(z))", "|∂ loss_G / ∂ logit|",
            ("minimax: log(1 − D(G(z)))", d, GeneratorGradient.Magnitude(GanObjective.Minimax, d)),
            ("non-saturating: −log D(G(z))", d, GeneratorGradient.Magnitude(GanObjective.NonSaturating, d)));
    }

    /// <summary>The two generator losses themselves against D(G(z)) (the GAN lecture's curves).</summary>
    public static RichOutput GeneratorLossPlot()
    {
        var d = GeneratorGradient.Grid();
        return Charts.Lines("Generator loss as a function of D(G(z))", "D(G(z))", "loss_G",
            ("minimax: log(1 − D(G(z)))", d, GeneratorGradient.Loss(GanObjective.Minimax, d)),
            ("non-saturating: −log D(G(z))", d, GeneratorGradient.Loss(GanObjective.NonSaturating, d)));
    }

    /// <summary>A toy run's 2,500 samples over the mixture's modes, titled with its coverage.</summary>
    public static RichOutput ToyScatter(GaussianMixture2d mixture, ToyGanRun run, string name) =>
        Charts.Scatter($"{name}, seed {run.Seed}: {run.Coverage}",
            ("generated", run.Samples.Select(p => (double)p[0]).ToArray(), run.Samples.Select(p => (double)p[1]).ToArray()),
            ("modes", mixture.Modes.Select(m => m[0]).ToArray(), mixture.Modes.Select(m => m[1]).ToArray()));

    /// <summary>Generator outputs in [−1, 1] shown as a grid of digits.</summary>
    public static RichOutput Digits(Tensor generated, IReadOnlyList<string>? labels = null, int columns = 10)
    {
        using var images = DigitGans.FromTanhRange(generated);
        return Pictures.Images(images, labels, columns);
    }

    /// <summary>Shows <see cref="Digits"/>(<paramref name="generated"/>, …) in the notebook.</summary>
    public static void ShowDigits(Tensor generated, IReadOnlyList<string>? labels = null, int columns = 10) =>
        Output.Display(Digits(generated, labels, columns));

    /// <summary>
    /// D(x) and D(G(z)) over training: the two players' scores (non-convergence shows as oscillation), one point per
    /// report of <paramref name="history"/> (one per generator step when the Trainer reports every k batches).
    /// </summary>
    public static RichOutput ScoresPlot(TrainingHistory history, string title = "Discriminator scores during training")
    {
        var reports = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        return Charts.Lines(title, "generator step", "mean score",
            ("D(x), real", reports, history.Series(GanStep.RealScore)),
            ("D(G(z)), generated", reports, history.Series(GanStep.FakeScore)));
    }
}
