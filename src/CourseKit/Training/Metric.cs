namespace CourseKit.Training;

/// <summary>The names of the metrics every step reports the same way (others, like a GAN's, name their own).</summary>
public static class Metric
{
    /// <summary>The mean loss of the examples.</summary>
    public const string Loss = "loss";

    /// <summary>The fraction of examples classified correctly.</summary>
    public const string Accuracy = "accuracy";
}
