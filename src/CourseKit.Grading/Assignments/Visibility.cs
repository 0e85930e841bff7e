using static TorchSharp.torch;

namespace CourseKit.Grading.Assignments;

/// <summary>Who sees a check: students see visible checks in their notebook; hidden ones run only in the autograder.</summary>
public enum Visibility
{
    /// <summary>Shown to students (the notebook's self-check runs the same inputs).</summary>
    Visible,
    /// <summary>Run only by the autograder, with other inputs (catches hard-coded answers).</summary>
    Hidden,
}
