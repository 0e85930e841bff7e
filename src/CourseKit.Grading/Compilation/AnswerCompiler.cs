using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CourseKit.Grading.Compilation;

/// <summary>
/// Compiles each answer cell on its own, in memory, with Roslyn: the cell's declarations become members of a class
/// <c>Answer_q1</c>, so one broken answer costs only its own checks and no answer can redefine another's names.
/// Compiling untrusted code is safe (no analyzers, no generators, nothing runs); running it happens only in the child.
/// </summary>
public static class AnswerCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);
    private static readonly ConcurrentDictionary<string, CompiledAnswer> Cache = new();

    /// <summary>The most characters of one compiler message kept for the report.</summary>
    public const int MaxErrorChars = 400;

    /// <summary>The usings every answer cell compiles with (the notebook's second cell has the same ones).</summary>
    public static readonly IReadOnlyList<string> Usings =
    [
        "System", "System.Linq", "System.Collections.Generic", "TorchSharp", "TorchSharp.Modules", "static TorchSharp.torch",
    ];

    /// <summary>The class an answer's declarations are compiled into.</summary>
    public static string ClassName(string question) => "Answer_" + new string(question.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    /// <summary>Compiles one answer cell (cached by source, so identical answers compile once per process).</summary>
    /// <param name="question">The question id.</param>
    /// <param name="cellSource">The answer cell's source.</param>
    /// <param name="forbiddenCalls">TorchSharp members the answer may not use (the op it is asked to implement).</param>
    /// <param name="rules">What the answer may call (<see cref="AnswerRules.Library"/> when null: any TorchSharp, no kit code, no reflection).</param>
    public static CompiledAnswer Compile(string question, string cellSource, IReadOnlyList<string>? forbiddenCalls = null, AnswerRules? rules = null)
    {
        forbiddenCalls ??= [];
        rules ??= AnswerRules.Library;
        return Cache.GetOrAdd(Key(question, cellSource, forbiddenCalls, rules), _ => CompileHere(question, cellSource, forbiddenCalls, rules));
    }

    /// <summary>
    /// Compiles a submission's answer in <paramref name="compiler"/>'s process (started on first need, restarted after
    /// a compile bomb stopped it), with a time limit; results are cached by source like <see cref="Compile"/>'s, except
    /// a stopped compile, which may have been the machine's load.
    /// </summary>
    internal static CompiledAnswer CompileOutside(ref CompilerProcess? compiler, Func<CompilerProcess> start, string question,
        string cellSource, IReadOnlyList<string>? forbiddenCalls, AnswerRules? rules, TimeSpan limit)
    {
        forbiddenCalls ??= [];
        rules ??= AnswerRules.Library;
        string key = Key(question, cellSource, forbiddenCalls, rules);
        if (Cache.TryGetValue(key, out var cached)) return cached;
        if (compiler is null || !compiler.Alive)
        {
            compiler?.Dispose();
            compiler = start();
        }
        var result = compiler.Compile(new CompileRequest(question, cellSource, forbiddenCalls, rules), limit);
        return compiler.Alive ? Cache.GetOrAdd(key, result) : result;
    }

    private static string Key(string question, string cellSource, IReadOnlyList<string> forbiddenCalls, AnswerRules rules) =>
        string.Join("\n", question, string.Join(",", forbiddenCalls), string.Join(",", rules.TorchMembers ?? ["*"]),
            string.Join(",", rules.KitNamespaces ?? []), rules.AnyDotNet ? "any-dotnet" : "dotnet-allow-list", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cellSource))));

    /// <summary>Compiles in this process, uncached: for the compiler process and trusted (reference) code only.</summary>
    internal static CompiledAnswer CompileHere(string question, string cellSource, IReadOnlyList<string> forbiddenCalls, AnswerRules rules)
    {
        var source = new StringBuilder();
        foreach (string u in Usings) source.Append("using ").Append(u).Append(";\n");
        source.Append("public sealed class ").Append(ClassName(question)).Append("\n{\n");
        source.Append("#line 1 \"").Append(question).Append("\"\n");
        source.Append(WithoutKernelDirectives(cellSource)).Append("\n#line default\n}\n");

        var tree = CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "answer_" + ClassName(question) + "_" + Guid.NewGuid().ToString("N"),
            [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
                optimizationLevel: OptimizationLevel.Release, allowUnsafe: false));
        if (forbiddenCalls.Count > 0 && ForbiddenUse(compilation, tree, forbiddenCalls) is { } misuse)
            return new CompiledAnswer(question, null, [misuse]);
        if (AnswerAudit.Violations(compilation, tree, question, rules) is { Count: > 0 } violations)
            return new CompiledAnswer(question, null, violations);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (emitted.Success) return new CompiledAnswer(question, stream.ToArray(), []);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Take(5).Select(Describe).ToList();
        return new CompiledAnswer(question, null, errors);
    }

    /// <summary>The first use of a forbidden TorchSharp member (resolved by the semantic model, so aliases do not help).</summary>
    private static string? ForbiddenUse(CSharpCompilation compilation, SyntaxTree tree, IReadOnlyList<string> forbidden)
    {
        var model = compilation.GetSemanticModel(tree);
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax>())
        {
            if (!forbidden.Contains(name.Identifier.ValueText, StringComparer.OrdinalIgnoreCase)) continue;
            var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
            if (symbol?.ContainingAssembly?.Name == "TorchSharp")
            {
                int line = name.GetLocation().GetMappedLineSpan().StartLinePosition.Line + 1;
                return $"line {line}: this answer may not call TorchSharp's {symbol.ContainingType?.Name}.{symbol.Name}; the question asks you to implement it yourself.";
            }
        }
        return null;
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        string where = span.IsValid && span.Path == d.Location.SourceTree?.FilePath ? "" : "";
        string line = span.IsValid ? $"line {span.StartLinePosition.Line + 1}" : "cell";
        // A message quotes the student's code (a 10 MB identifier makes a 10 MB message): each is capped.
        return $"{line}{where}: {d.Id}: {Reports.ReportText.Clean(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), MaxErrorChars)}";
    }

    /// <summary>Kernel directives (#r, #i, #!…) mean nothing to the compiler; they are blanked, keeping line numbers.</summary>
    private static string WithoutKernelDirectives(string cell) => string.Join("\n",
        cell.Replace("\r\n", "\n").Split('\n').Select(line =>
            line.TrimStart().StartsWith("#r ", StringComparison.Ordinal) || line.TrimStart().StartsWith("#i ", StringComparison.Ordinal)
            || line.TrimStart().StartsWith("#!", StringComparison.Ordinal) ? "" : line));

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                        || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll")
            .ToList();
        paths.Add(typeof(TorchSharp.torch).Assembly.Location);
        paths.Add(typeof(CourseKit.Course).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
