namespace CourseKit.Data;

/// <summary>Which part of a dataset: the training set or the test set.</summary>
public enum Split
{
    /// <summary>The training set (60000 images for MNIST and Fashion-MNIST).</summary>
    Train,

    /// <summary>The test set (10000 images).</summary>
    Test,
}
