using CourseKit.Grading;
using CourseKit.Grading.Reports;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 2: student code is compiled outside the grader's process, with time, memory and stack limits, so a
/// compile bomb costs its answer only. Before, 100k nested parentheses overflowed the grader's own stack (this test
/// process would have died) and nested lambdas over overloads compiled for minutes.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class CompileBombTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    private static GradeReport GradeQ2(string q2Answer, TimeSpan compileLimit)
    {
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q2"] = q2Answer;
        var grader = new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            Sandbox = Fixture.Sandbox,
            Questions = new HashSet<string> { "q1", "q2" },
            CompileTimeLimit = compileLimit,
        });
        var report = grader.Grade("compile-bomb", Fixture.StudentWith(answers));
        BadSubmissionTests.AssertValidResults(report);
        return report;
    }

    [Fact]
    public void Deeply_nested_parentheses_cost_only_their_answer()
    {
        string deep = new string('(', 100_000) + "x" + new string(')', 100_000);
        var report = GradeQ2($"Tensor MaxPool2d(Tensor x, int size, int stride) => {deep};\nTensor AvgPool2d(Tensor x, int size, int stride) => x;",
            TimeSpan.FromSeconds(60));
        Assert.All(report.Checks.Where(c => c.Question == "q2"), c =>
        {
            Assert.False(c.Passed);
            Assert.Matches("did not compile: .*(compiler|too long or complex|nests too deeply)", c.Message);
        });
        Assert.Equal(6, report.ScoreByQuestion["q1"]);
    }

    [Fact]
    public void Nested_lambdas_over_overloads_are_stopped_at_the_compile_time_limit()
    {
        const int depth = 24;
        string nested = string.Concat(Enumerable.Range(0, depth).Select(k => $"M(a{k} => ")) + "0" + new string(')', depth);
        string bomb = $$"""
            static int M(Func<int, int> f) => 0;
            static int M(Func<string, int> f) => 0;
            static int M(Func<long, int> f) => 0;
            static int Bomb() => {{nested}};
            Tensor MaxPool2d(Tensor x, int size, int stride) => x;
            Tensor AvgPool2d(Tensor x, int size, int stride) => x;
            """;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = GradeQ2(bomb, TimeSpan.FromSeconds(5));
        Assert.All(report.Checks.Where(c => c.Question == "q2"), c => Assert.Contains("compiling it took more than 5 s", c.Message));
        Assert.Equal(6, report.ScoreByQuestion["q1"]);
        Assert.True(clock.Elapsed.TotalSeconds < 60, $"grading took {clock.Elapsed.TotalSeconds:0} s");
    }
}
