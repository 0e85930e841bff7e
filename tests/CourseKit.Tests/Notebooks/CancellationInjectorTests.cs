using CourseKit.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseKit.Tests.Notebooks;

public class CancellationInjectorTests
{
    private const string Check = "global::CourseKit.Notebooks.Scripting.CellCancellation.Check();";

    private static string Inject(string code) => CancellationInjector.Inject(
        CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot()).ToFullString();

    [Fact]
    public void Every_loop_and_body_gets_a_check_and_lines_stay_where_they_were()
    {
        const string code = "var n = 0;\nwhile (n < 3)\n    n++;\nfor (var i = 0; i < 2; i++) { n += i; }\nforeach (var x in new[] { 1 }) n += x;\ndo n--; while (n > 10);\n"
            + "int Twice(int v) { return 2 * v; }\nFunc<int, int> f = v => { return v; };\nFunc<int, int> g = v => v + 1;\nAction a = delegate { };\nclass C { public C() { } int P { get { return 1; } } }";
        var injected = Inject(code);
        var lines = injected.Split('\n');
        Assert.Equal(code.Split('\n').Length, lines.Length);
        Assert.Contains(Check, lines[1] + lines[2]); // while body (was a single statement)
        Assert.Contains(Check, lines[3]);   // for
        Assert.Contains(Check, lines[4]);   // foreach
        Assert.Contains(Check, lines[5]);   // do
        Assert.Contains(Check, lines[6]);   // method
        Assert.Contains(Check, lines[7]);   // block lambda
        Assert.DoesNotContain(Check, lines[8]); // expression lambda: left alone
        Assert.Contains(Check, lines[9]);   // anonymous method
        Assert.Equal(2, lines[10].Split(Check).Length - 1); // constructor and getter
        Assert.Empty(CSharpSyntaxTree.ParseText(injected, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetDiagnostics());
    }
}
