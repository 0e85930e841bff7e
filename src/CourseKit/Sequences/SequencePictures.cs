using CourseKit.Training;
using CourseKit.Visualization;

namespace CourseKit.Sequences;

/// <summary>The pictures of notebook 10.</summary>
public static class SequencePictures
{
    /// <summary>log₁₀ of the gradient norm against the time lag, one line per model (from <see cref="GradientFlow.NormByLag"/>).</summary>
    public static RichOutput GradientByLag(params (string Name, double[] Norms)[] models) =>
        Charts.Lines("How far back the gradient reaches", "time lag T − k", "log₁₀ ‖∂h_T/∂x_k‖",
            models.Select(m => (m.Name, Enumerable.Range(0, m.Norms.Length).Select(i => (double)i).ToArray(),
                m.Norms.Select(v => Math.Log10(Math.Max(v, 1e-30))).ToArray())).ToArray());

    /// <summary>Validation (test) accuracy per epoch, one line per model, from the Trainer's histories.</summary>
    public static RichOutput AccuracyCurves(string title, params (string Name, TrainingHistory History)[] runs) =>
        Charts.Lines(title, "epoch", "test accuracy",
            runs.Select(r => (r.Name, r.History.Epochs.Select(e => (double)e.Epoch).ToArray(),
                r.History.Epochs.Select(e => e.ValidationAccuracy ?? double.NaN).ToArray())).ToArray());
}
