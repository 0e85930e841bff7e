using System.Text.Json;
using CourseKit.Grading;
using CourseKit.Grading.Reports;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Every bad submission of shared/grading.md (cases 1–18) as a fixture: the reference notebook with one or two answers
/// replaced. Each is graded in the sandbox on the questions it touches plus a correct one (to show "the rest are
/// graded"); the grader never crashes and every report is valid Gradescope JSON.
/// Time limits are scaled by 0.5 (the infinite loop by 0.2, 2 s) so the watchdog cases stay quick.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class BadSubmissionTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    private const string CorrectConv = """
        Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0) => Reference(x, w, b, stride, padding);
        Tensor Reference(Tensor x, Tensor w, Tensor b, int stride, int padding)
        {
            var padded = nn.functional.pad(x, new long[] { padding, padding, padding, padding });
            long n = x.shape[0], f = w.shape[0], kh = w.shape[2], kw = w.shape[3];
            long outH = (x.shape[2] + 2 * padding - kh) / stride + 1, outW = (x.shape[3] + 2 * padding - kw) / stride + 1;
            var columns = new List<Tensor>();
            for (long i = 0; i < outH; i++)
                for (long j = 0; j < outW; j++)
                    columns.Add(padded[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(i * stride, i * stride + kh),
                        TensorIndex.Slice(j * stride, j * stride + kw)].reshape(n, -1).matmul(w.reshape(f, -1).t()) + b);
            return stack(columns, 2).reshape(n, f, outH, outW);
        }
        """;

    /// <summary>A q1 answer whose Conv2d runs <paramref name="body"/> first (then, if it gets there, answers correctly).</summary>
    private static string Q1Doing(string body, string extraMembers = "") => CorrectConv.Replace(
        "Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0) => Reference(x, w, b, stride, padding);",
        $"Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0)\n{{\n{body}\nreturn Reference(x, w, b, stride, padding);\n}}\n{extraMembers}");

    private static GradeReport Grade(string name, IReadOnlyDictionary<string, string> answers, params string[] questions) =>
        GradeScaled(name, answers, 0.5, questions);

    /// <summary>Grades with every time limit scaled (0.5: 10 s → 5 s, headroom for a loaded CI machine).</summary>
    private static GradeReport GradeScaled(string name, IReadOnlyDictionary<string, string> answers, double timeScale, params string[] questions)
    {
        var answersWithReference = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (q, source) in answers) answersWithReference[q] = source;
        var grader = new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            TestTheSandboxWithAnyDotNet = true,   // these answers reach the OS on purpose: the sandbox must contain them
            Sandbox = Fixture.Sandbox,
            Questions = questions.ToHashSet(),
            TimeLimitScale = timeScale,
        });
        var report = grader.Grade(name, Fixture.StudentWith(answersWithReference));
        AssertValidResults(report);
        return report;
    }

    /// <summary>results.json parses, has Gradescope's fields, and its score is the sum of the tests' scores.</summary>
    internal static void AssertValidResults(GradeReport report)
    {
        using var json = JsonDocument.Parse(GradescopeResults.ToJson(report));
        var root = json.RootElement;
        foreach (string field in new[] { "score", "execution_time", "output", "output_format", "visibility", "stdout_visibility", "tests" })
            Assert.True(root.TryGetProperty(field, out _), $"results.json lacks {field}");
        double sum = 0;
        foreach (var test in root.GetProperty("tests").EnumerateArray())
        {
            foreach (string field in new[] { "score", "max_score", "status", "name", "number", "output", "output_format", "tags", "visibility" })
                Assert.True(test.TryGetProperty(field, out _), $"a test lacks {field}");
            Assert.Contains(test.GetProperty("status").GetString(), new[] { "passed", "failed" });
            sum += test.GetProperty("score").GetDouble();
        }
        Assert.Equal(sum, root.GetProperty("score").GetDouble(), 6);
        Assert.NotEmpty(FeedbackReport.ToMarkdown(report));
    }

    private static void AssertQuestion(GradeReport report, string question, double expected) =>
        Assert.True(Math.Abs(expected - report.ScoreByQuestion[question]) < 1e-6,
            $"{question}: expected {expected}, got {report.ScoreByQuestion[question]}: " +
            string.Join(" | ", report.Checks.Where(c => c.Question == question).Select(c => $"{c.Id}: {c.Message}")) + " | notes: " + string.Join(" | ", report.Notes));

    private static void AssertAllFailWith(GradeReport report, string question, string fragment) =>
        Assert.All(report.Checks.Where(c => c.Question == question), c =>
        {
            Assert.False(c.Passed);
            Assert.Contains(fragment, c.Message, StringComparison.OrdinalIgnoreCase);
        });

    [Fact]
    public void Case01_untouched_stub_scores_zero_there_and_the_rest_is_graded()
    {
        var report = Grade("stub-q1", new Dictionary<string, string> { ["q1"] = Fixture.Generated.Master.Answers.First(a => a.Question == "q1").Source }, "q1", "q2");
        AssertAllFailWith(report, "q1", "not implemented");
        AssertQuestion(report, "q2", 5);
    }

    [Fact]
    public void Case02_compile_error_costs_only_that_answer()
    {
        var report = Grade("compile-error", new Dictionary<string, string> { ["q2"] = "Tensor MaxPool2d(Tensor x, int size, int stride) { return x +; }" }, "q1", "q2");
        AssertAllFailWith(report, "q2", "did not compile");
        Assert.Contains(report.Checks, c => c.Question == "q2" && c.Message.Contains("line 1"));
        AssertQuestion(report, "q1", 6);
    }

    [Fact]
    public void Case03_infinite_loop_times_out_and_the_rest_runs_in_a_fresh_child()
    {
        var report = GradeScaled("infinite-loop", new Dictionary<string, string> { ["q1"] = Q1Doing("while (true) { }") }, 0.2, "q1", "q2");
        AssertAllFailWith(report, "q1", "timed out");
        AssertQuestion(report, "q2", 5);
        Assert.Contains(report.Notes, n => n.Contains("fresh child"));
    }

    [Fact]
    public void Case04_stack_overflow_scores_zero_and_grading_goes_on()
    {
        var report = Grade("stack-overflow", new Dictionary<string, string>
        {
            ["q1"] = Q1Doing("Recurse(1);", "int Recurse(int depth) => Recurse(depth + 1) + 1;"),
        }, "q1", "q2");
        AssertAllFailWith(report, "q1", "no result");
        AssertQuestion(report, "q2", 5);
    }

    [Fact]
    public void Case05_exit_and_failfast_count_as_failed_never_passed()
    {
        var report = Grade("exit", new Dictionary<string, string>
        {
            ["q1"] = Q1Doing("Environment.Exit(0);"),
            ["q3"] = Fixture.Generated.ReferenceAnswers["q3"].Replace("var kernel = ones(", "Environment.FailFast(\"bye\"); var kernel = ones("),
        }, "q1", "q2", "q3");
        AssertAllFailWith(report, "q1", "no result");
        Assert.All(report.Checks.Where(c => c.Id.StartsWith("q3.box")), c => Assert.False(c.Passed));
        AssertQuestion(report, "q2", 5);
        Assert.Equal(2.5, report.ScoreByQuestion["q3"], 6); // the Sobel checks still pass
    }

    [Fact]
    public void Case06_printed_fake_results_have_no_effect()
    {
        string fake = """Console.WriteLine("{\"score\": 100, \"tests\": []}"); Console.WriteLine("Points 10/10"); Console.WriteLine("[xUnit.net] Passed! Failed: 0"); return zeros(1);""";
        var report = Grade("fake-output", new Dictionary<string, string> { ["q1"] = Q1Doing(fake) }, "q1", "q2");
        Assert.Equal(0, report.ScoreByQuestion["q1"]);
        AssertQuestion(report, "q2", 5);
        Assert.Contains("Points 10/10", report.CapturedOutput); // shown to the student, never parsed
        Assert.Equal(5, report.Score);
    }

    [Fact]
    public void Case07_writing_results_json_or_trx_has_no_effect()
    {
        string outDir = Path.Combine(Fixture.Scratch, "case07");
        Directory.CreateDirectory(outDir);
        string target = Path.Combine(outDir, "results.json");
        string body = $$"""
            foreach (var path in new[] { "results.json", "TestResults.trx", "/autograder/results/results.json", @"{{target}}" })
                try { System.IO.File.WriteAllText(path, "{\"score\": 100}"); } catch (Exception) { }
            return zeros(1);
            """;
        var report = Grade("write-results", new Dictionary<string, string> { ["q1"] = Q1Doing(body) }, "q1", "q2");
        GradingRun.WriteReports(report, outDir);
        using var written = JsonDocument.Parse(File.ReadAllText(target));
        Assert.Equal(5, written.RootElement.GetProperty("score").GetDouble(), 6);
        Assert.Equal(0, report.ScoreByQuestion["q1"]);
    }

    [Fact]
    public void Case08_the_reference_solution_is_not_readable_from_the_child()
    {
        string source = Path.Combine(Fixture.AssignmentsRoot, Fixture.Assignment.FolderName, "source.ipynb");
        string body = $$"""
            string text;
            try { text = System.IO.File.ReadAllText(@"{{source}}"); } catch (Exception e) { text = "unreadable: " + (e is UnauthorizedAccessException ? "access denied" : e is System.IO.IOException ? "not found" : "other"); }
            throw new InvalidOperationException(text.Length > 60 ? text.Substring(0, 60) : text);
            """;
        var report = Grade("read-reference", new Dictionary<string, string> { ["q1"] = Q1Doing(body) }, "q1");
        AssertAllFailWith(report, "q1", "unreadable");
        Assert.DoesNotContain(report.Checks, c => c.Message.Contains("BEGIN SOLUTION") || c.Message.Contains("cells"));
    }

    [Fact]
    public void Case09_reflection_into_the_checks_finds_nothing_to_patch()
    {
        string body = """
            string found = "";
            try { System.Reflection.Assembly.Load("A1.Checks"); found += "loaded A1.Checks; "; } catch (Exception e) { found += "A1.Checks: " + e.GetType().Name + "; "; }
            foreach (var a in AppDomain.CurrentDomain.GetAssemblies())
                foreach (var t in a.GetTypes().Where(t => t.Name is "Judge" or "SelfCheck" or "A1Assignment"))
                    found += t.FullName + "; ";
            Console.WriteLine(found);
            return zeros(1); // a "patched" judge would have to accept this
            """;
        var report = Grade("reflection", new Dictionary<string, string> { ["q1"] = Q1Doing(body) }, "q1");
        Assert.Equal(0, report.Score);
        Assert.DoesNotContain("loaded A1.Checks", report.CapturedOutput);
    }

    [Fact]
    public void Case10_locked_and_check_cells_are_restored_and_redefined_helpers_do_not_leak()
    {
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q2"] += "\nTensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0) => zeros(1);";
        string json = Submissions.Edit(Fixture.StudentWith(answers), cells =>
        {
            Submissions.SetSource(Submissions.Find(cells, "setup-usings")!, "using static CourseKit.Course; // edited");
            Submissions.SetSource(Submissions.Find(cells, "q1-check")!, "Console.WriteLine(\"all checks pass\");");
            cells.Remove(Submissions.Find(cells, "q3-demo"));
        });
        string restored = Path.Combine(Fixture.Scratch, "case10-restored.ipynb");
        var grader = new Grader(Fixture.Assignment, Fixture.Generated.Master, new GraderOptions
        {
            TestTheSandboxWithAnyDotNet = true,   // these answers reach the OS on purpose: the sandbox must contain them
            Sandbox = Fixture.Sandbox, Questions = new HashSet<string> { "q1", "q2" },
        });
        var report = grader.Grade("edited-locked", json, restored);
        AssertValidResults(report);
        Assert.True(report.Score == 11, string.Join(" | ", report.Checks.Select(c => $"{c.Id}: {c.Message}")));
        string notes = string.Join(" | ", report.Notes);
        Assert.True(notes.Contains("locked cell setup-usings was changed"), notes);
        Assert.True(notes.Contains("check cell q1-check was changed"), notes);
        Assert.True(notes.Contains("locked cell q3-demo was removed"), notes);
        var restoredCells = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(restored))!["cells"]!.AsArray();
        string Source(string id) => string.Concat(Submissions.Find(restoredCells, id)!["source"]!.AsArray().Select(l => (string?)l));
        Assert.Equal(Fixture.Generated.Master.Cells.First(c => c.Id == "q1-check").Source, Source("q1-check"));
        Assert.Equal(Fixture.Generated.Master.Cells.First(c => c.Id == "setup-usings").Source, Source("setup-usings"));
        Assert.NotNull(Submissions.Find(restoredCells, "q3-demo"));
    }

    [Fact]
    public void Case11_gigabytes_of_output_and_a_huge_exception_message_are_capped()
    {
        var report = Grade("flood", new Dictionary<string, string>
        {
            ["q1"] = Q1Doing("var line = new string('x', 1 << 20); for (int k = 0; k < 16; k++) Console.Out.Write(line);"),
            ["q2"] = "Tensor MaxPool2d(Tensor x, int size, int stride) => throw new Exception(new string('y', 20_000_000));\nTensor AvgPool2d(Tensor x, int size, int stride) => zeros(1);",
        }, "q1", "q2");
        AssertQuestion(report, "q1", 6);
        Assert.True(report.CapturedOutput.Length < 20_000, $"captured {report.CapturedOutput.Length} chars");
        Assert.Contains("bytes of output dropped", report.CapturedOutput);
        var max = report.Checks.First(c => c.Id == "q2.max");
        Assert.False(max.Passed);
        Assert.True(max.Message.Length < 3_000);
    }

    [Fact]
    public void Case12_allocating_too_much_memory_fails_that_check_with_a_resource_message()
    {
        var report = Grade("memory", new Dictionary<string, string>
        {
            ["q1"] = Q1Doing("var hoard = new List<Tensor>(); for (int k = 0; k < 200; k++) hoard.Add(ones(50_000_000));"),
            ["q2"] = "Tensor MaxPool2d(Tensor x, int size, int stride) { var l = new List<byte[]>(); while (true) l.Add(new byte[64 << 20]); }\nTensor AvgPool2d(Tensor x, int size, int stride) => zeros(1);",
        }, "q1", "q2");
        Assert.All(report.Checks.Where(c => c.Question == "q1"), c =>
        {
            Assert.False(c.Passed);
            Assert.Matches("memory|no result", c.Message);
        });
        var max = report.Checks.First(c => c.Id == "q2.max");
        Assert.False(max.Passed);
        Assert.Matches("OutOfMemory|memory", max.Message);
    }

    [Fact]
    public void Case13_starting_processes_and_a_fork_bomb_are_contained()
    {
        string body = """
            try { System.Diagnostics.Process.Start("/bin/sh", new[] { "-c", "bomb() { bomb | bomb & }; bomb" }); } catch (Exception e) { Console.WriteLine(e.Message); }
            System.Threading.Thread.Sleep(300);
            """;
        var report = Grade("fork-bomb", new Dictionary<string, string> { ["q1"] = Q1Doing(body) }, "q1", "q2");
        AssertQuestion(report, "q2", 5);
        Assert.Empty(NobodyProcesses());
    }

    [Fact]
    public void Case14_background_threads_die_with_the_child()
    {
        string body = """
            new System.Threading.Thread(() => { while (true) { System.Threading.Thread.Sleep(5); Console.Write("."); } }) { IsBackground = false }.Start();
            """;
        var report = Grade("threads", new Dictionary<string, string> { ["q1"] = Q1Doing(body) }, "q1", "q2");
        AssertQuestion(report, "q1", 6);
        AssertQuestion(report, "q2", 5);
        Assert.Empty(NobodyProcesses());
    }

    [Fact]
    public void Case15_network_calls_fail()
    {
        string body = """
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect("1.1.1.1", 80);
            """;
        var report = Grade("network", new Dictionary<string, string> { ["q1"] = Q1Doing(body) }, "q1");
        Assert.All(report.Checks, c => Assert.Contains("SocketException", c.Message));
    }

    [Fact]
    public void Case16_nan_wrong_shape_and_wrong_dtype_fail_with_clear_messages()
    {
        var report = Grade("bad-values", new Dictionary<string, string>
        {
            ["q1"] = "Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0) => full(new long[] { x.shape[0], w.shape[0], (x.shape[2] + 2 * padding - w.shape[2]) / stride + 1, (x.shape[3] + 2 * padding - w.shape[3]) / stride + 1 }, double.NaN, dtype: x.dtype);",
            ["q2"] = "Tensor MaxPool2d(Tensor x, int size, int stride) => x;\nTensor AvgPool2d(Tensor x, int size, int stride) => x.to_type(ScalarType.Int64);",
            ["q4"] = "(Tensor dx, Tensor dw, Tensor db) Conv2dBackward(Tensor dout, Tensor x, Tensor w, Tensor b, int stride, int padding) => (null, null, null);",
        }, "q1", "q2", "q4");
        AssertAllFailWith(report, "q1", "NaN");
        Assert.Contains("wrong shape", report.Checks.First(c => c.Id == "q2.max").Message);
        Assert.Contains("wrong", report.Checks.First(c => c.Id == "q2.avg").Message);
        AssertAllFailWith(report, "q4", "got null");
        Assert.Equal(0, report.Score);
    }

    [Fact]
    public void Case17_random_answers_are_graded_the_same_every_time()
    {
        var answers = new Dictionary<string, string> { ["q1"] = Q1Doing("return Reference(x, w, b, stride, padding) + 1e-3 * randn_like(x).sum();") };
        var first = Grade("random-1", answers, "q1");
        var second = Grade("random-2", answers, "q1");
        Assert.Equal(first.Checks.Select(c => c.Message), second.Checks.Select(c => c.Message));
        Assert.Equal(0, first.Score);
    }

    [Fact]
    public void Case18_hard_coded_visible_answers_are_caught_by_hidden_checks()
    {
        // Correct only for the visible checks' shapes; zeros elsewhere.
        string body = "if (x.shape[2] != 7 && x.shape[2] != 8) return zeros(x.shape[0], w.shape[0], 1, 1, dtype: x.dtype);";
        var report = Grade("hard-coded", new Dictionary<string, string> { ["q1"] = Q1Doing(body) }, "q1");
        Assert.True(report.Checks.First(c => c.Id == "q1.basic").Passed);
        Assert.True(report.Checks.First(c => c.Id == "q1.padding-stride").Passed);
        Assert.False(report.Checks.First(c => c.Id == "q1.hidden").Passed);
        Assert.Equal(4, report.Score);
    }

    [Fact]
    public void Calling_the_library_op_the_question_asks_to_implement_is_refused()
    {
        var report = Grade("uses-conv2d", new Dictionary<string, string>
        {
            ["q1"] = "Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0) => nn.functional.conv2d(x, w, b, strides: new long[] { stride, stride }, padding: new long[] { padding, padding });",
        }, "q1");
        AssertAllFailWith(report, "q1", "may not call");
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_gets_a_zero_report_not_a_crash()
    {
        var grader = Fixture.Quick();
        var report = grader.Grade("garbage", "this is not json {");
        AssertValidResults(report);
        Assert.Equal(0, report.Score);
        Assert.Contains("not a readable notebook", report.Notes[0]);
    }

    /// <summary>
    /// Whether <paramref name="pid"/> was started (through any chain) by this test process: other graders on a shared
    /// host (another checkout's test run) also run children as nobody, and those are not this test's leftovers.
    /// </summary>
    private static bool DescendsFromThisProcess(int pid)
    {
        for (int current = pid, steps = 0; current > 1 && steps < 64; steps++)
        {
            if (current == Environment.ProcessId) return true;
            string? parent = File.ReadLines($"/proc/{current}/status").FirstOrDefault(l => l.StartsWith("PPid:"));
            if (parent is null || !int.TryParse(parent[5..].Trim(), out current)) return false;
        }
        return false;
    }

    /// <summary>Processes still alive (not zombies) as the sandbox's user (nobody), started by this test run, after grading, given 5 s to die.</summary>
    private static List<int> NobodyProcesses()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            var alive = NobodyProcessesNow();
            if (alive.Count == 0) return alive;
            Thread.Sleep(100);
        }
        return NobodyProcessesNow();
    }

    private static List<int> NobodyProcessesNow()
    {
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var status = File.ReadLines(Path.Combine(dir, "status")).ToList();
                string? uid = status.FirstOrDefault(l => l.StartsWith("Uid:"));
                if (status.Any(l => l.StartsWith("State:") && l.Contains("Z"))) continue;
                if (uid is not null && uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "65534" && DescendsFromThisProcess(pid)) found.Add(pid);
            }
            catch (IOException) { }
        }
        return found;
    }
}

/// <summary>Sandboxed grading tests run one at a time: the fork-bomb and thread cases check for leftover processes.</summary>
[CollectionDefinition("Sandboxed grading", DisableParallelization = true)]
public sealed class SandboxedGradingCollection;
