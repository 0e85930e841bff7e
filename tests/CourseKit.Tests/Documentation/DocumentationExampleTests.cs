using System.Reflection;
using System.Xml.Linq;
using CourseKit.Notebooks.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace CourseKit.Tests.Documentation;

/// <summary>
/// Every <c>&lt;example&gt;&lt;code&gt;</c> in the kit's XML documentation compiles as a student would paste it into a
/// notebook cell: with the kit's and TorchSharp's namespaces imported and the kernel's <c>display</c>. (Formulas and
/// layer tables stay in <c>&lt;code&gt;</c> outside <c>&lt;example&gt;</c>, where they are not C#.)
/// </summary>
public class DocumentationExampleTests
{
    private static readonly string[] DocumentedAssemblies = ["CourseKit", "CourseKit.Notebooks", "CourseKit.Kernel", "CourseKit.Grading"];

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var (member, _) in AllExamples()) data.Add(member);
        return data;
    }

    [Fact]
    public void The_kit_documents_its_main_entry_points_with_examples()
    {
        var members = AllExamples().Select(e => e.Member).ToList();
        Assert.True(members.Count >= 8, $"only {members.Count} examples: {string.Join(", ", members)}");
        Assert.Contains(members, m => m.EndsWith("CourseKit.Training.Trainer", StringComparison.Ordinal));
        Assert.Contains(members, m => m.EndsWith("CourseKit.Layers.GradCheck", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_compiles(string member)
    {
        string code = AllExamples().Single(e => e.Member == member).Code;
        var errors = Compile(code).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{member}'s example does not compile:\n{string.Join("\n", errors)}\n---\n{code}");
    }

    [Fact]
    public void A_broken_example_is_caught()
    {
        var errors = Compile("var trainer = new Trainer(model, optimizer, loss);").Where(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(errors, d => d.GetMessage().Contains("'model'", StringComparison.Ordinal));
    }

    // A file-based app imports its own display (CourseKit.FileApps.FileDisplay); everything else is a notebook cell.
    private static IEnumerable<Diagnostic> Compile(string code)
    {
        bool fileApp = code.Contains("using static CourseKit.FileApps.FileDisplay;", StringComparison.Ordinal);
        var script = CSharpScript.Create(code, Options(), fileApp ? null : typeof(KernelGlobals));
        return script.Compile();
    }

    private static ScriptOptions Options()
    {
        var kit = typeof(CourseKit.Course).Assembly;
        var namespaces = kit.GetExportedTypes().Select(t => t.Namespace!).Where(n => n is not null).Distinct();
        return ScriptOptions.Default
            .WithReferences(typeof(object).Assembly, typeof(Enumerable).Assembly, kit, typeof(TorchSharp.torch).Assembly,
                            typeof(KernelGlobals).Assembly, Assembly.Load("System.Runtime"), Assembly.Load("netstandard"))
            .WithImports(["System", "System.Collections.Generic", "System.IO", "System.Linq", "TorchSharp",
                          "CourseKit.Notebooks.Scripting", .. namespaces]);
    }

    private static IEnumerable<(string Member, string Code)> AllExamples()
    {
        foreach (string assembly in DocumentedAssemblies)
        {
            string file = Path.Combine(AppContext.BaseDirectory, assembly + ".xml");
            Assert.True(File.Exists(file), $"{file} is missing: the src projects generate their XML documentation");
            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                var codes = member.Elements("example").SelectMany(e => e.Descendants("code")).ToList();
                for (int i = 0; i < codes.Count; i++)
                    yield return (member.Attribute("name")!.Value + (i > 0 ? $" #{i + 1}" : ""), Unindent(codes[i].Value));
            }
        }
    }

    private static string Unindent(string code) =>
        string.Join("\n", code.Split('\n').Select(line => line.TrimEnd()).SkipWhile(string.IsNullOrWhiteSpace));
}
