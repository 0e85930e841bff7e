using CourseKit.Grading;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 7: a wall-clock budget per submission. A submission that sleeps under every check's limit would hold
/// the grader for the sum of the limits; with a budget the call under way is stopped when it runs out, the remaining
/// checks are not run, and the report says so.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class SubmissionBudgetTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    [Fact]
    public void A_submission_that_sleeps_under_every_limit_is_stopped_by_its_budget()
    {
        // Five correct calls of 8 s each (every check's limit is 10 s): 40 s without a budget, 15 s with it. The budget also
        // pays for compiling and starting the child, o seconds (a few, more on a loaded machine), so the calls run back to
        // back over [o + 8k, o + 8k + 8] and the budget ends during call floor((15 - o) / 8): the second for o up to about
        // 6.5 s, the first from 7.5 s on. (With 6 s calls and a 20 s budget it ended between two calls when o was near
        // 2 s: three checks passed, the rest were "not run", and no call was stopped.)
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        const string sleep = "System.Threading.Thread.Sleep(8000);";
        answers["q1"] = Replaced(answers["q1"], "int padding = 0)\n{", "int padding = 0)\n{ " + sleep);
        foreach (string max in new[] { "true", "false" })
            answers["q2"] = Replaced(answers["q2"], $"=> Pool(x, size, stride, takeMax: {max});",
                $"{{ {sleep} return Pool(x, size, stride, takeMax: {max}); }}");
        var grader = new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            TestTheSandboxWithAnyDotNet = true,   // these answers reach the OS on purpose: the sandbox must contain them
            Sandbox = Fixture.Sandbox,
            Questions = new HashSet<string> { "q1", "q2" },
            SubmissionBudget = TimeSpan.FromSeconds(15),
        });

        var report = grader.Grade("sleeper", Fixture.StudentWith(answers));

        BadSubmissionTests.AssertValidResults(report);
        Assert.True(report.Seconds < 19, $"took {report.Seconds:0.0} s with a 15 s budget");
        int stopped = report.Checks.ToList().FindIndex(c => c.Message.Contains("budget of 15 s ran out during this call"));
        Assert.True(stopped >= 0, string.Join(" | ", report.Checks.Select(c => $"{c.Id}: {c.Message}")));
        Assert.All(report.Checks.Take(stopped), c => Assert.True(c.Passed, $"{c.Id}: {c.Message}"));
        Assert.All(report.Checks.Skip(stopped + 1), c => Assert.StartsWith("not run: the submission's time budget of 15 s", c.Message));
        Assert.True(stopped <= 1, $"the budget ran out during call {stopped + 1}, not the first or second");
        Assert.Contains(report.Notes, n => n.Contains("budget of 15 s ran out"));
    }

    private static string Replaced(string answer, string what, string with)
    {
        Assert.Contains(what, answer);
        return answer.Replace(what, with);
    }
}
