using CourseKit.Assignments.A1;
using CourseKit.Grading;
using CourseKit.Grading.Assignments;
using CourseKit.Grading.Isolation;
using CourseKit.Grading.Reports;

namespace CourseKit.Tests.Grading;

/// <summary>
/// What every grading test shares (built once per test run): assignment 1, its generated student notebook and master
/// copy, and sandbox options with short limits. Compiled answers are cached by source across tests.
/// </summary>
public sealed class GradingFixture
{
    public static readonly Lazy<GradingFixture> Shared = new(() => new GradingFixture());

    public A1Assignment Assignment { get; } = new();
    public string AssignmentsRoot { get; }
    public GeneratedAssignment Generated { get; }
    public SandboxOptions Sandbox { get; }
    public string Scratch { get; }

    /// <summary>The reference answers of q1–q4 graded in process, once for every test that needs that report.</summary>
    public GradeReport QuickReferenceInProcess => quickReference.Value;

    private readonly Lazy<GradeReport> quickReference;

    private GradingFixture()
    {
        AssignmentsRoot = AssignmentFiles.AssignmentsRoot();
        Generated = AssignmentGenerator.FromSource(Assignment, AssignmentsRoot);
        Sandbox = new SandboxOptions
        {
            WorkerPath = Path.Combine(AppContext.BaseDirectory, "CourseKit.GradingWorker.dll"),
            HiddenPaths = [AssignmentsRoot],
            MemoryLimitBytes = 1536L * 1024 * 1024,
            StartTimeout = TimeSpan.FromSeconds(60),
        };
        Scratch = Directory.CreateTempSubdirectory("coursekit-grading-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteScratch();
        quickReference = new(() => Quick().GradeReferenceInProcess(Generated.ReferenceAnswers));
    }

    /// <summary>The fixture lives as long as the test run; its scratch folder goes with it (it was left in /tmp before).</summary>
    private void DeleteScratch()
    {
        try { Directory.Delete(Scratch, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A grader for the quick questions q1–q4 (q5 trains a CNN; only the full-score tests run it).</summary>
    public Grader Quick(double timeScale = 1.0) => new(Assignment, Generated.Master, new GraderOptions
    {
        Sandbox = Sandbox,
        Questions = new HashSet<string> { "q1", "q2", "q3", "q4" },
        TimeLimitScale = timeScale,
    });

    public Grader Full(double timeScale = 1.0) => new(Assignment, Generated.Master, new GraderOptions { Sandbox = Sandbox, TimeLimitScale = timeScale });

    /// <summary>The student notebook with answer cells replaced (by question) — a submission fixture.</summary>
    public string StudentWith(IReadOnlyDictionary<string, string> answers) =>
        Submissions.ReplaceAnswers(Generated.StudentNotebookJson, Generated.Master, answers);

    /// <summary>The reference notebook: the student notebook with the instructor's answers.</summary>
    public string Reference => StudentWith(Generated.ReferenceAnswers);
}
