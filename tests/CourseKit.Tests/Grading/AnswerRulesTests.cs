using CourseKit.Grading.Compilation;

namespace CourseKit.Tests.Grading;

/// <summary>
/// Issue 20, item 1: an answer may use only what its question allows. Each route the issue found to buy q1 and q4
/// (the kit's own layers, reflection, another TorchSharp op) is refused at compile time with the symbol, the line
/// and the rule named; the reference answers keep compiling under their rules.
/// </summary>
[Collection("Sandboxed grading")]
public sealed class AnswerRulesTests
{
    private static GradingFixture Fixture => GradingFixture.Shared.Value;

    private const string Signature = "Tensor Conv2d(Tensor x, Tensor w, Tensor b, int stride = 1, int padding = 0)";

    /// <summary>A q1 answer compiled under q1's rules.</summary>
    private static CompiledAnswer CompileQ1(string body)
    {
        var q1 = Fixture.Assignment.Questions.Single(q => q.Id == "q1");
        return AnswerCompiler.Compile("q1", Signature + "\n{\n" + body + "\n}", q1.ForbiddenCalls, q1.Rules);
    }

    private static string Refusal(CompiledAnswer answer)
    {
        Assert.False(answer.Succeeded, "the answer compiled, but it should have been refused");
        return string.Join(" | ", answer.Errors);
    }

    [Fact]
    public void Calling_the_kits_own_convolution_is_refused_naming_the_symbol_and_rule()
    {
        string errors = Refusal(CompileQ1("return CourseKit.Layers.Conv2dLayer.Forward(x, w, b, new CourseKit.Layers.Conv2dOptions(stride, padding)).Output;"));
        Assert.Contains("line 3: q1 may not use CourseKit.Layers.Conv2dLayer", errors);
        Assert.Contains("rule: no-kit-code", errors);
    }

    [Fact]
    public void The_kits_own_backward_pass_is_refused_in_q4()
    {
        var q4 = Fixture.Assignment.Questions.Single(q => q.Id == "q4");
        string answer = """
            (Tensor dx, Tensor dw, Tensor db) Conv2dBackward(Tensor dout, Tensor x, Tensor w, Tensor b, int stride, int padding)
            {
                var cache = CourseKit.Layers.Conv2dLayer.Forward(x, w, b, new CourseKit.Layers.Conv2dOptions(stride, padding)).Cache;
                var g = CourseKit.Layers.Conv2dLayer.Backward(dout, cache);
                return (g.Input, g.Weight, g.Bias);
            }
            """;
        string errors = Refusal(AnswerCompiler.Compile("q4", answer, q4.ForbiddenCalls, q4.Rules));
        Assert.Contains("rule: no-kit-code", errors);
    }

    [Theory]
    [InlineData("var m = typeof(nn.functional).GetMethods().First(m => m.Name == \"conv2d\"); return (Tensor)m.Invoke(null, new object[] { x, w, b });", "System.Type.GetMethods")]
    [InlineData("var t = Type.GetType(\"TorchSharp.torch+nn+functional, TorchSharp\"); return (Tensor)t.GetMethod(\"conv2d\").Invoke(null, null);", "System.Type.GetType")]
    [InlineData("return (Tensor)x.GetType().GetMethod(\"conv2d\").Invoke(x, new object[] { w });", "object.GetType")]
    [InlineData("dynamic f = x; return f.conv2d(w);", "dynamic")]
    [InlineData("Func<Tensor> f = () => x; return (Tensor)f.DynamicInvoke();", "System.Delegate.DynamicInvoke")]
    [InlineData("var h = System.Runtime.InteropServices.NativeLibrary.Load(\"libtorch.so\"); return x;", "System.Runtime.InteropServices.NativeLibrary")]
    public void Reflection_dynamic_code_and_interop_are_refused(string body, string symbol)
    {
        string errors = Refusal(CompileQ1(body));
        Assert.Contains($"q1 may not use {symbol}", errors);
        Assert.Contains("rule: no-reflection", errors);
    }

    [Fact]
    public void Native_interop_declarations_are_refused()
    {
        string answer = Signature + " => x;\n[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid();";
        string errors = Refusal(AnswerCompiler.Compile("q1", answer, null, AnswerRules.Library));
        Assert.Contains("line 2: extern methods are native interop", errors);
    }

    [Theory]
    [InlineData("return x.unfold(2, w.shape[2], stride);", "unfold")]
    [InlineData("return nn.functional.conv1d(x.flatten(2), w.flatten(2), b);", "conv1d")]
    [InlineData("return x.as_strided(new long[] { 1 }, new long[] { 1 });", "as_strided")]
    [InlineData("return nn.functional.conv3d(x.unsqueeze(2), w.unsqueeze(2), b).squeeze(2);", "conv3d")]
    [InlineData("using var layer = nn.Conv2d(x.shape[1], w.shape[0], w.shape[2]); return layer.forward(x);", "Conv2d")]
    [InlineData("return fft.irfft2(fft.rfft2(x) * fft.rfft2(w));", "rfft2")]
    public void Another_torch_op_that_computes_the_convolution_is_refused(string body, string member)
    {
        string errors = Refusal(CompileQ1(body));
        Assert.Contains("may not", errors);
        Assert.Contains(member, errors);
    }

    // A listed primitive's name declared by another TorchSharp type is refused by its type: TorchSharp 0.107 has such
    // names on distributions (mean, expand), torch.linalg (diagonal), torch.special (sigmoid, exp2), modules (dim, size)…
    [Theory]
    [InlineData("return torch.linalg.diagonal(x);", "TorchSharp.torch.linalg")]
    [InlineData("return torch.special.sigmoid(x);", "TorchSharp.torch.special")]
    public void A_listed_name_on_another_torch_type_is_refused_by_its_declaring_type(string body, string type)
    {
        string errors = Refusal(CompileQ1(body));
        Assert.Contains(type, errors);
        Assert.Contains("rule: q1 allow-list", errors);
        // The same names on torch and Tensor stay allowed.
        Assert.True(CompileQ1("return x.diagonal().sigmoid() + torch.sigmoid(x).sum();").Succeeded);
    }

    [Fact]
    public void The_reference_answers_compile_under_their_questions_rules()
    {
        foreach (var question in Fixture.Assignment.Questions)
        {
            var compiled = AnswerCompiler.Compile(question.Id, Fixture.Generated.ReferenceAnswers[question.Id], question.ForbiddenCalls, question.Rules);
            Assert.True(compiled.Succeeded, $"{question.Id}: {string.Join(" | ", compiled.Errors)}");
        }
        var a2 = new CourseKit.Assignments.A2.A2Assignment();
        var a2Reference = CourseKit.Grading.Assignments.AssignmentGenerator.FromSource(a2).ReferenceAnswers;
        foreach (var question in a2.Questions)
        {
            var compiled = AnswerCompiler.Compile(question.Id, a2Reference[question.Id], question.ForbiddenCalls, question.Rules);
            Assert.True(compiled.Succeeded, $"A2 {question.Id}: {string.Join(" | ", compiled.Errors)}");
        }
    }

    [Fact]
    public void A_kit_call_in_a_graded_submission_scores_zero_with_the_rule_in_the_report()
    {
        var answers = Fixture.Generated.ReferenceAnswers.ToDictionary(kv => kv.Key, kv => kv.Value);
        answers["q1"] = Signature + " => CourseKit.Layers.Conv2dLayer.Forward(x, w, b, new CourseKit.Layers.Conv2dOptions(stride, padding)).Output;";
        var report = Fixture.Quick().Grade("kit-conv", Fixture.StudentWith(answers));
        Assert.Equal(0, report.ScoreByQuestion["q1"]);
        Assert.All(report.Checks.Where(c => c.Question == "q1"), c => Assert.Contains("rule: no-kit-code", c.Message));
    }

    [Theory]
    [InlineData("var text = System.IO.File.ReadAllText(\"/etc/passwd\"); return x;", "System.IO.File")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\"); return x;", "System.Diagnostics.Process")]
    [InlineData("using var client = new System.Net.Http.HttpClient(); return x;", "System.Net.Http.HttpClient")]
    [InlineData("new System.Threading.Thread(() => { }).Start(); return x;", "System.Threading.Thread")]
    [InlineData("System.Threading.Tasks.Parallel.For(0, 2, i => { }); return x;", "System.Threading.Tasks.Parallel")]
    [InlineData("Environment.Exit(0); return x;", "System.Environment")]
    [InlineData("GC.Collect(); return x;", "System.GC")]
    public void Files_processes_network_threads_environment_and_gc_are_not_on_the_dotnet_allow_list(string body, string symbol)
    {
        string errors = Refusal(CompileQ1(body));
        Assert.Contains($"q1 may not use {symbol}", errors);
        Assert.Contains("rule: dotnet allow-list", errors);
    }

    [Fact]
    public void Numbers_maths_collections_linq_and_strings_are_allowed()
    {
        string body = """
            var sizes = new List<long> { Math.Max(1, stride), (long)Math.Floor(2.5) };
            var text = new System.Text.StringBuilder().Append(string.Join(",", sizes.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            (int a, int b) pair = (padding, sizes.Count);
            if (text.Length < 0 || pair.a < 0) throw new ArgumentException(text.ToString());
            var seen = new HashSet<int>(Enumerable.Range(0, 3));
            Console.WriteLine(seen.Count + double.Parse("1.5", System.Globalization.CultureInfo.InvariantCulture));
            return x;
            """;
        var answer = CompileQ1(body);
        Assert.True(answer.Succeeded, string.Join(" | ", answer.Errors));
    }
}
