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

    /// <summary>Test accuracy per epoch, one line per model.</summary>
    public static RichOutput AccuracyCurves(string title, params (string Name, IReadOnlyList<SequenceEpoch> History)[] runs) =>
        Charts.Lines(title, "epoch", "test accuracy",
            runs.Select(r => (r.Name, r.History.Select(e => (double)e.Epoch + 1).ToArray(), r.History.Select(e => e.TestAccuracy).ToArray())).ToArray());
}
