using CourseKit.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseKit.Tests.Notebooks;

[Collection(EngineCollection.Name)]
public class CSharpSessionTests(SessionFixture fixture) : IClassFixture<SessionFixture>
{
    private Task<(CellResult Result, ListSink Sink)> Run(string code, CellLocation? location = null, CancellationToken token = default) =>
        fixture.Run(code, location, token);

    private static string Plain(NotebookOutput output) => output switch
    {
        ExecuteResultOutput r => r.Data["text/plain"],
        DisplayDataOutput d => d.Data["text/plain"],
        UpdateDisplayDataOutput u => u.Data["text/plain"],
        _ => throw new InvalidOperationException(output.ToString()),
    };

    [Fact]
    public async Task Cells_share_state_and_a_trailing_expression_is_the_result()
    {
        var (first, firstSink) = await Run("var answer = 40;");
        Assert.True(first.Succeeded);
        Assert.Empty(firstSink.Outputs);

        var (second, sink) = await Run("answer + 2");
        Assert.True(second.Succeeded, second.Error?.EValue);
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(sink.Outputs));
        Assert.Equal("42", result.Data["text/plain"]);
        Assert.Equal(second.ExecutionCount, result.ExecutionCount);
        Assert.True(second.ExecutionCount > first.ExecutionCount);
    }

    [Fact]
    public async Task A_statement_with_a_semicolon_or_a_void_call_gives_no_result()
    {
        var (_, withSemicolon) = await Run("var t = 1 + 1;\nt * 3;");
        Assert.DoesNotContain(withSemicolon.Outputs, o => o is ExecuteResultOutput);
        var (_, voidCall) = await Run("Console.WriteLine(\"x\")");
        Assert.DoesNotContain(voidCall.Outputs, o => o is ExecuteResultOutput);
        Assert.Equal("x\n", voidCall.Stdout);
        var (_, nullResult) = await Run("string? s = null;\ns");
        Assert.Equal("<null>", Plain(Assert.Single(nullResult.Outputs)));
    }

    [Fact]
    public async Task Console_output_becomes_stdout_and_stderr_streams_in_order()
    {
        var (result, sink) = await Run("Console.WriteLine(\"one\");\nConsole.Error.WriteLine(\"warn\");\nConsole.Write(\"two\");\ndisplay(\"shown\");\nConsole.WriteLine(\" three\");");
        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("one\ntwo three\n", sink.Stdout);
        Assert.Equal("warn\n", sink.Stderr);
        // "two" was written before the display, so it comes out before it.
        var kinds = sink.Outputs.Select(o => o is StreamOutput s ? s.Name + ":" + s.Text : o.GetType().Name).ToList();
        Assert.Equal(["stdout:one\n", "stderr:warn\n", "stdout:two", nameof(DisplayDataOutput), "stdout: three\n"], kinds);
    }

    [Fact]
    public async Task Display_returns_a_handle_whose_Update_replaces_the_display()
    {
        var (result, sink) = await Run("var h = display(\"epoch 1\");\nh.Update(\"epoch 2\");\nvar g = 7.Display();\n\"<b>bold</b>\".DisplayAs(\"text/html\");");
        Assert.True(result.Succeeded, result.Error?.EValue);
        var shown = Assert.IsType<DisplayDataOutput>(sink.Outputs[0]);
        var update = Assert.IsType<UpdateDisplayDataOutput>(sink.Outputs[1]);
        Assert.Equal("epoch 1", shown.Data["text/plain"]);
        Assert.Equal("epoch 2", update.Data["text/plain"]);
        Assert.False(string.IsNullOrEmpty(shown.DisplayId));
        Assert.Equal(shown.DisplayId, update.DisplayId);
        Assert.Equal("7", Plain(sink.Outputs[2]));
        var html = Assert.IsType<DisplayDataOutput>(sink.Outputs[3]);
        Assert.Equal("<b>bold</b>", html.Data["text/html"]);
        Assert.NotEqual(shown.DisplayId, html.DisplayId);
    }

    [Fact]
    public async Task A_handle_updated_in_a_later_cell_still_updates_its_display()
    {
        var (_, first) = await Run("var later = display(\"before\");");
        var (_, second) = await Run("later.Update(\"after\");");
        var shown = Assert.IsType<DisplayDataOutput>(Assert.Single(first.Outputs));
        var update = Assert.IsType<UpdateDisplayDataOutput>(Assert.Single(second.Outputs));
        Assert.Equal(shown.DisplayId, update.DisplayId);
    }

    [Fact]
    public async Task RichOutput_and_the_library_live_display_show_their_mime_bundles()
    {
        var (result, sink) = await Run("""
            using CourseKit.Visualization;
            display(RichOutput.Html("<i>x</i>", "x"));
            var live = new LiveDisplay();
            for (var step = 1; step <= 3; step++) live.Update(LiveDisplay.ProgressBar(step, 3, "training"));
            """);
        Assert.True(result.Succeeded, result.Error?.EValue);
        var rich = Assert.IsType<DisplayDataOutput>(sink.Outputs[0]);
        Assert.Equal("<i>x</i>", rich.Data["text/html"]);
        var progress = Assert.IsType<DisplayDataOutput>(sink.Outputs[1]);
        Assert.Contains("1/3", progress.Data["text/plain"]);
        var updates = sink.Outputs.Skip(2).Cast<UpdateDisplayDataOutput>().ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal(progress.DisplayId, u.DisplayId));
        Assert.Contains("<progress value=\"3\" max=\"3\"", updates[1].Data["text/html"]);
    }

    [Fact]
    public async Task A_runtime_error_names_the_cell_and_the_line()
    {
        var (result, sink) = await Run("var fine = 1;\nthrow new InvalidOperationException(\"boom\");", new CellLocation(3, "abc"));
        Assert.False(result.Succeeded);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(sink.Outputs));
        Assert.Equal(error, result.Error);
        Assert.Equal("System.InvalidOperationException", error.EName);
        Assert.Equal("cell 3 (id abc), line 2: boom", error.EValue);

        // Variables defined before the exception survive it (as in Polyglot).
        var (after, afterSink) = await Run("fine");
        Assert.True(after.Succeeded);
        Assert.Equal("1", Plain(afterSink.Outputs[0]));
    }

    [Fact]
    public async Task An_error_thrown_in_a_method_of_the_cell_names_the_line_inside_the_cell()
    {
        var (result, _) = await Run("""
            int Divide(int a, int b)
            {
                return a / b;
            }
            Divide(1, 0)
            """, new CellLocation(5, "div"));
        Assert.Equal("System.DivideByZeroException", result.Error!.EName);
        Assert.StartsWith("cell 5 (id div), line 3: ", result.Error.EValue);
    }

    [Fact]
    public async Task A_compile_error_lists_each_diagnostic_with_its_line()
    {
        var (result, sink) = await Run("var y = 1;\nvar z = y + missing;\nint w = \"text\";", new CellLocation(2, "c2"));
        Assert.False(result.Succeeded);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(sink.Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.StartsWith("cell 2 (id c2), line 2: CS0103:", error.EValue);
        Assert.Contains("line 3: CS0029:", error.EValue);
        Assert.Equal(2, error.Traceback.Count);
    }

    [Fact]
    public async Task A_top_level_using_declaration_gets_an_error_that_says_what_to_write_instead()
    {
        var (result, sink) = await Run("using var stream = new System.IO.MemoryStream();\nstream.Length", new CellLocation(4, "c4"));
        Assert.False(result.Succeeded);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(sink.Outputs));
        Assert.StartsWith("cell 4 (id c4), line 1: CS1002:", error.EValue);
        Assert.Contains("top-level `using var` is not allowed", error.EValue);

        var (fixedResult, fixedSink) = await Run("{ using var stream = new System.IO.MemoryStream(); System.Console.Write(stream.Length); }");
        Assert.True(fixedResult.Succeeded, fixedResult.Error?.EValue);
        Assert.Equal("0", fixedSink.Stdout);
    }

    [Fact]
    public async Task Time_magic_prints_the_wall_time()
    {
        var (result, sink) = await Run("#!time\nSystem.Threading.Thread.Sleep(50);");
        Assert.True(result.Succeeded, result.Error?.EValue);
        var match = System.Text.RegularExpressions.Regex.Match(sink.Stdout, @"^Wall time: (\d+) ms\n$");
        Assert.True(match.Success, sink.Stdout);
        Assert.InRange(int.Parse(match.Groups[1].Value), 50, 5000);
    }

    [Fact]
    public async Task Kernel_switches_markdown_and_csharp()
    {
        var (markdown, markdownSink) = await Run("#!markdown\n# Title\nnot C# at all");
        Assert.True(markdown.Succeeded);
        Assert.Empty(markdownSink.Outputs);
        var (csharp, csharpSink) = await Run("#!csharp\n6 * 7");
        Assert.Equal("42", Plain(Assert.Single(csharpSink.Outputs)));
        Assert.True(csharp.Succeeded);
        var (fsharp, _) = await Run("#!fsharp\nlet x = 1", new CellLocation(4, null));
        Assert.False(fsharp.Succeeded);
        Assert.Equal("UnsupportedKernelCommand", fsharp.Error!.EName);
        Assert.StartsWith("cell 4, line 1: #!fsharp is not supported", fsharp.Error.EValue);
    }

    [Fact]
    public async Task The_kit_package_references_resolve_to_the_loaded_kit()
    {
        var (result, sink) = await Run("#i \"nuget: ../artifacts/packages\"\n#r \"nuget: CourseKit, 0.1.0\"\n#r \"nuget: TorchSharp-cpu, 0.107.0\"\ntypeof(CourseKit.Course).Assembly.GetName().Name");
        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("CourseKit", Plain(Assert.Single(sink.Outputs)));
        Assert.Contains("../artifacts/packages", fixture.Session.PackageSources);
    }

    [Fact]
    public async Task Packages_outside_the_kit_are_a_clear_error()
    {
        var (result, _) = await Run("var before = 1;\n#r \"nuget: Microsoft.ML, 3.0.1\"", new CellLocation(1, "setup"));
        Assert.Equal("PackageNotAvailable", result.Error!.EName);
        Assert.StartsWith("cell 1 (id setup), line 2: package Microsoft.ML 3.0.1 is not available", result.Error.EValue);
        Assert.Contains("offline", result.Error.EValue);

        var (version, _) = await Run("#r \"nuget: TorchSharp-cpu, 0.105.0\"");
        Assert.Contains("the kit runs TorchSharp-cpu 0.107.0", version.Error!.EValue);
        var (kit, _) = await Run("#r \"nuget: CourseKit, 0.2.0\"");
        Assert.Contains("#r \"nuget: CourseKit, 0.1.0\"", kit.Error!.EValue);
    }

    [Fact]
    public async Task An_assembly_path_is_loaded_relative_to_the_notebook_folder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Notebooks", "Fixtures", "lib");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "Greeter.dll");
        if (!File.Exists(path))
        {
            var compilation = CSharpCompilation.Create("Greeter",
                [CSharpSyntaxTree.ParseText("namespace Greeting; public static class Greeter { public static string Hello(string n) => \"hello \" + n; }")],
                [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var emitted = compilation.Emit(path);
            Assert.True(emitted.Success);
        }
        var (result, sink) = await Run("#r \"lib/Greeter.dll\"\nGreeting.Greeter.Hello(\"notebook\")");
        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("hello notebook", Plain(Assert.Single(sink.Outputs)));

        var (missing, _) = await Run("#r \"lib/Nowhere.dll\"");
        Assert.Contains("no assembly at", missing.Error!.EValue);
    }
}

/// <summary>Its own session: a cell that cannot be stopped would leave a shared session unusable.</summary>
[Collection(EngineCollection.Name)]
public class CellCancellationTests(SessionFixture fixture) : IClassFixture<SessionFixture>
{
    private Task<(CellResult Result, ListSink Sink)> Run(string code, CellLocation? location = null, CancellationToken token = default) =>
        fixture.Run(code, location, token);

    [Fact]
    public async Task A_cell_that_never_ends_is_stopped_by_cancellation_and_the_session_goes_on()
    {
        foreach (var endless in new[]
        {
            "Console.WriteLine(\"started\");\nvar spins = 0L;\nwhile (true) { spins++; }",
            "Console.WriteLine(\"started\");\nfor (;;) ;",
            "Console.WriteLine(\"started\");\nvoid Spin() { var i = 0; do i++; while (i >= 0 || true); }\nSpin();",
            "Console.WriteLine(\"started\");\nAction forever = () => { while (true) { } };\nforever();",
        })
        {
            // Cancel once the cell is really running (its first line has printed), then time how long it takes to stop.
            using var cancel = new CancellationTokenSource();
            var stopwatch = new System.Diagnostics.Stopwatch();
            var sink = new TriggerSink("started", () => { stopwatch.Start(); cancel.CancelAfter(200); });
            // A cell the injector failed to make cancellable would spin for ever: the wait turns that into a TimeoutException.
            // The bound is generous because CI machines are shared; how fast cancellation is belongs to a benchmark, not here.
            var result = await fixture.Session.ExecuteAsync(endless, sink, new CellLocation(9, "loop"), cancel.Token)
                .WaitAsync(TimeSpan.FromSeconds(60));
            stopwatch.Stop();
            Assert.True(sink.Triggered, endless);
            Assert.False(result.Succeeded);
            Assert.True(result.Error!.EName == "OperationCanceledException", endless + " => " + result.Error.EValue);
            Assert.StartsWith("cell 9 (id loop), line ", result.Error.EValue);
            Assert.Contains("stopped", result.Error.EValue);
            // It ran until the cancel fired (200 ms after its first line), not stopped early for some other reason.
            Assert.True(stopwatch.Elapsed.TotalSeconds >= 0.15, $"{endless} stopped after {stopwatch.Elapsed.TotalSeconds:F2} s, before it was cancelled");
        }
        var (next, sinkAfter) = await Run("1 + 1");
        Assert.True(next.Succeeded, next.Error?.EValue);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(Assert.Single(sinkAfter.Outputs)).Data["text/plain"]);
    }

    private sealed class TriggerSink(string text, Action trigger) : IOutputSink
    {
        public bool Triggered { get; private set; }

        public void Write(NotebookOutput output)
        {
            if (output is StreamOutput stream && stream.Text.Contains(text) && !Triggered)
            {
                Triggered = true;
                trigger();
            }
        }
    }
}
