using CourseKit.Data;
using CourseKit.Grading;
using CourseKit.Grading.Assignments;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 3: the child sees nothing of the host (its own /proc, a private /tmp and /dev/shm that vanish with
/// it), and the grader finds its own files from its install, never from a folder anyone may write to.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class ChildIsolationTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    [Fact]
    public void The_child_has_its_own_proc_and_tmp_and_what_it_leaves_in_tmp_or_shm_vanishes_with_it()
    {
        string mark = "issue20-" + Guid.NewGuid().ToString("N");
        string body = $$"""
            var pids = System.IO.Directory.GetDirectories("/proc").Select(System.IO.Path.GetFileName).Where(n => n.All(char.IsDigit)).ToList();
            string commands = string.Join(" ", pids.Select(p => { try { return System.IO.File.ReadAllText("/proc/" + p + "/cmdline").Replace('\0', ' '); } catch (Exception) { return ""; } }));
            string tmp = string.Join(",", System.IO.Directory.GetFileSystemEntries("/tmp").Select(System.IO.Path.GetFileName));
            System.IO.File.WriteAllBytes("/dev/shm/{{mark}}", new byte[1 << 20]);
            System.IO.File.WriteAllText("/tmp/{{mark}}", "left behind");
            throw new InvalidOperationException($"pids={pids.Count}; host={commands.Contains("testhost")}; tmp=[{tmp}]");
            """;
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q1"] = "Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0)\n{\n" + body + "\n}";
        var grader = new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            TestTheSandboxWithAnyDotNet = true,   // these answers reach the OS on purpose: the sandbox must contain them
            Sandbox = Fixture.Sandbox, Questions = new HashSet<string> { "q1" },
        });

        var report = grader.Grade("peek", Fixture.StudentWith(answers));

        string message = report.Checks.First().Message;
        Assert.Contains("host=False", message);                                          // not the parent's command line
        int pids = int.Parse(System.Text.RegularExpressions.Regex.Match(message, "pids=(\\d+)").Groups[1].Value);
        Assert.InRange(pids, 1, 6);                                                      // unshare's sh, dotnet, nothing of the host
        string tmp = System.Text.RegularExpressions.Regex.Match(message, "tmp=\\[([^\\]]*)\\]").Groups[1].Value;
        Assert.Matches("^coursekit-grade-[^,]+$", tmp);                                  // only its own run folder; no other child's, no test scratch
        Assert.False(File.Exists("/tmp/" + mark), "a file the child wrote to /tmp outlived it");
        Assert.False(File.Exists("/dev/shm/" + mark), "a file the child wrote to /dev/shm outlived it");
    }

    [Fact]
    public void A_solution_file_in_a_folder_anyone_may_write_is_never_taken_as_the_kit()
    {
        string open = Path.Combine(Fixture.Scratch, "world-writable");
        string deep = Directory.CreateDirectory(Path.Combine(open, "bin", "Release")).FullName;
        File.WriteAllText(Path.Combine(open, "CourseKit.sln"), "");
        Directory.CreateDirectory(Path.Combine(open, "data"));
        Directory.CreateDirectory(Path.Combine(open, "assignments", "A1-x"));
        File.WriteAllText(Path.Combine(open, "assignments", "A1-x", "source.ipynb"), "{}");

        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("1777", 8));           // like /tmp
        Assert.Null(DataLocator.RepositoryRoot([deep]));
        Assert.Null(AssignmentFiles.Find([deep]));

        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("755", 8));            // the instructor's own folder
        Assert.Equal(open, DataLocator.RepositoryRoot([deep]));
        Assert.Equal(Path.Combine(open, "assignments"), AssignmentFiles.Find([deep]));

        File.SetUnixFileMode(Path.Combine(open, "CourseKit.sln"), (UnixFileMode)Convert.ToInt32("666", 8));
        Assert.Null(DataLocator.RepositoryRoot([deep]));                                 // a solution file anyone may change
    }

    [Fact]
    public void Two_children_at_once_cannot_see_or_signal_each_other()
    {
        // For 10 s each child looks for another grading worker in /proc and kills any it finds (both run as nobody, so
        // without their own PID namespaces each could kill the other). Each reports what it saw and when it ran.
        const string body = """
            var start = DateTime.UtcNow;
            int self = Environment.ProcessId, others = 0, killed = 0;
            while ((DateTime.UtcNow - start).TotalSeconds < 10)
            {
                foreach (var p in System.Diagnostics.Process.GetProcesses())
                {
                    string command = "";
                    try { command = System.IO.File.ReadAllText("/proc/" + p.Id + "/cmdline"); } catch (Exception) { }
                    if (p.Id == self || !command.Contains("GradingWorker")) continue;
                    others++;
                    try { p.Kill(); killed++; } catch (Exception) { }
                }
                System.Threading.Thread.Sleep(100);
            }
            throw new InvalidOperationException($"others={others}; killed={killed}; from={start.Ticks}; to={DateTime.UtcNow.Ticks}");
            """;
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q1"] = "Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0)\n{\n" + body + "\n}";
        var options = new GraderOptions
        {
            TestTheSandboxWithAnyDotNet = true,   // this answer reaches the OS on purpose: the sandbox must contain it
            Sandbox = Fixture.Sandbox, Questions = new HashSet<string> { "q1" }, TimeLimitScale = 10,
        };
        string notebook = Fixture.StudentWith(answers);

        var reports = Enumerable.Range(0, 2).AsParallel().WithDegreeOfParallelism(2)
            .Select(k => new Grader(Fixture.Assignment, Fixture.Generated.Master, options).Grade($"child-{k}", notebook)).ToList();

        var seen = reports.Select(r => r.Checks.First().Message).ToList();
        var windows = seen.Select(m => (From: long.Parse(Match(m, "from=(\\d+)")), To: long.Parse(Match(m, "to=(\\d+)")))).ToList();
        Assert.True(windows[0].From < windows[1].To && windows[1].From < windows[0].To,
            "the two children did not run at the same time, so this test proved nothing:\n" + string.Join("\n", seen));
        Assert.All(seen, m => Assert.Contains("others=0; killed=0", m));
    }

    private static string Match(string text, string pattern)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, pattern);
        Assert.True(match.Success, $"no {pattern} in: {text}");
        return match.Groups[1].Value;
    }
}
