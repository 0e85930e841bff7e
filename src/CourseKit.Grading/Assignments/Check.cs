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

/// <summary>The call a check makes: a method of the answer cell, with arguments built in the trusted parent.</summary>
/// <param name="Method">The method name the notebook's signature gives.</param>
/// <param name="Arguments">Arguments: tensors, ints, doubles, strings.</param>
/// <param name="ApplyTo">When the method returns a model, the value checked is the model's output on this input.</param>
public sealed record CheckInput(string Method, object?[] Arguments, Tensor? ApplyTo = null);

/// <summary>A check's verdict, decided in the parent.</summary>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Message">Why, for the student's report.</param>
public sealed record Verdict(bool Passed, string Message)
{
    /// <summary>A pass, with what was measured.</summary>
    public static Verdict Pass(string message) => new(true, message);

    /// <summary>A failure, with the reason.</summary>
    public static Verdict Fail(string message) => new(false, message);
}

/// <summary>
/// One graded check: build the inputs (seeded, in the parent), call the student's method (in the child), judge the
/// returned value against a value the parent computes another way (in the parent). Points are all or nothing per check;
/// a question with parts has one check per part (partial credit).
/// </summary>
public sealed class Check
{
    /// <summary>A stable id, e.g. "q1.padding".</summary>
    public required string Id { get; init; }

    /// <summary>The question (answer cell) it checks, e.g. "q1".</summary>
    public required string Question { get; init; }

    /// <summary>What it checks, in words the report shows.</summary>
    public required string Title { get; init; }

    /// <summary>Points for passing.</summary>
    public required double Points { get; init; }

    /// <summary>Visible (students have the same check in their notebook) or hidden.</summary>
    public Visibility Visibility { get; init; } = Visibility.Visible;

    /// <summary>The seed set before the inputs are built and again before the student's method is called.</summary>
    public int Seed { get; init; }

    /// <summary>How long the student's call may take before the child is killed.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The id of an earlier check of the same question whose call this check shares (partial credit on one expensive
    /// call, e.g. a looser threshold on the same trained model): the answer runs once, and this check's
    /// <see cref="Judge"/> judges the value that call returned. Its own <see cref="Arrange"/> and seed are not used.
    /// </summary>
    public string? SharesCallOf { get; init; }

    /// <summary>Builds the call (runs in the parent, after <c>torch.manual_seed(Seed)</c>).</summary>
    public required Func<CheckInput> Arrange { get; init; }

    /// <summary>Judges the returned value (runs in the parent; the expected value never leaves it).</summary>
    public required Func<CheckInput, object?, Verdict> Judge { get; init; }
}

/// <summary>A question: an answer cell and the checks that grade it.</summary>
/// <param name="Id">"q1".</param>
/// <param name="Title">What the student implements.</param>
/// <param name="ForbiddenCalls">TorchSharp members the answer may not call (e.g. conv2d in "implement convolution").</param>
/// <param name="Rules">What the answer may call (an allow-list of TorchSharp members, kit namespaces); null: <see cref="Compilation.AnswerRules.Library"/>.</param>
public sealed record Question(string Id, string Title, IReadOnlyList<string>? ForbiddenCalls = null, Compilation.AnswerRules? Rules = null);

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
