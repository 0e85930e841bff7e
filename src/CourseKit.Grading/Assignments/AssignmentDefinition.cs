using static TorchSharp.torch;

namespace CourseKit.Grading.Assignments;

/// <summary>An assignment: its questions and checks. The source notebook lives in assignments/&lt;FolderName&gt;/source.ipynb.</summary>
public abstract class AssignmentDefinition
{
    /// <summary>"A1".</summary>
    public abstract string Id { get; }

    /// <summary>The title shown in reports.</summary>
    public abstract string Title { get; }

    /// <summary>The folder under assignments/ ("A1-filters-layers-cnn").</summary>
    public abstract string FolderName { get; }

    /// <summary>The questions, in order.</summary>
    public abstract IReadOnlyList<Question> Questions { get; }

    /// <summary>Every check, visible and hidden, in the order they run.</summary>
    public abstract IReadOnlyList<Check> Checks { get; }

    /// <summary>The total points.</summary>
    public double MaxScore => Checks.Sum(c => c.Points);

    /// <summary>The points a question is worth.</summary>
    public double PointsOf(string question) => Checks.Where(c => c.Question == question).Sum(c => c.Points);
}
