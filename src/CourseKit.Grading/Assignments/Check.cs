using static TorchSharp.torch;

namespace CourseKit.Grading.Assignments;

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
