using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Execution;
using CourseKit.Notebooks.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace CourseKit.Kernel.Intelligence;

/// <summary>
/// Answers <c>is_complete</c>, <c>complete</c> and <c>inspect</c> requests with Roslyn.
/// </summary>
/// <remarks>
/// The kernel keeps the code of every cell that ran without error and compiles it (without running it)
/// as a chain of script submissions with the engine's globals and imports (so <c>display</c> binds), referencing every assembly loaded in the process (so types from
/// <c>#r</c>'d packages such as TorchSharp and CourseKit are known once a cell has loaded them). The
/// semantic model of that chain plus the code being edited gives: members after <c>.</c> (instance,
/// static, extension methods, namespaces), otherwise the symbols in scope (variables of earlier
/// cells, types, namespaces) and C# keywords; and for inspect the symbol under the cursor with its
/// signature and, where an XML doc file sits beside its assembly, its summary. Lines with
/// notebook magics (<c>#r</c>, <c>#i</c>, <c>#!</c>) are blanked before compiling.
/// Cursor positions are counted in Unicode code points, as protocol 5.2+ says.
/// </remarks>
internal sealed partial class CodeIntelligence
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private static readonly string[] Keywords = SyntaxFacts.GetKeywordKinds()
        .Concat(SyntaxFacts.GetContextualKeywordKinds())
        .Select(SyntaxFacts.GetText)
        .Where(k => k.Length > 0 && char.IsLetter(k[0]))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToArray();

    private readonly Lock _lock = new();
    private readonly List<string> _history = [];
    private Script<object>? _compiled;
    private int _compiledCells;
    private int _compiledAssemblyCount;

    /// <summary>Remembers a cell that ran without error (its declarations are in scope for later cells).</summary>
    public void Record(string code)
    {
        lock (_lock)
            _history.Add(BlankMagics(code));
    }

    /// <summary>Forgets everything (kernel restart).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _history.Clear();
            _compiled = null;
            _compiledCells = 0;
        }
    }

    /// <summary><c>is_complete_reply</c>: "complete", "incomplete" (with an indent) or "invalid".</summary>
    public JsonObject IsComplete(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(BlankMagics(code), ScriptParse);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
            return new JsonObject { ["status"] = "incomplete", ["indent"] = IndentAfter(code) };
        bool invalid = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return new JsonObject { ["status"] = invalid ? "invalid" : "complete" };
    }

    /// <summary><c>complete_reply</c> for the code point offset <paramref name="cursorPos"/>.</summary>
    public JsonObject Complete(string code, int cursorPos)
    {
        int cursor = Utf16Offset(code, cursorPos);
        int start = cursor;
        while (start > 0 && SyntaxFacts.IsIdentifierPartCharacter(code[start - 1]))
            start--;
        string prefix = code[start..cursor];
        var matches = Candidates(code, start).Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["cursor_start"] = CodePointOffset(code, start),
            ["cursor_end"] = CodePointOffset(code, cursor),
            ["metadata"] = new JsonObject(),
        };
    }

    /// <summary><c>inspect_reply</c>: the signature and summary of the symbol at the cursor.</summary>
    public JsonObject Inspect(string code, int cursorPos)
    {
        int cursor = Utf16Offset(code, cursorPos);
        var (model, offset) = Compile(code);
        var root = model.SyntaxTree.GetRoot();
        int position = Math.Max(0, Math.Min(offset + cursor, root.FullSpan.End) - (cursor > 0 && (cursor == code.Length || !SyntaxFacts.IsIdentifierPartCharacter(code[cursor])) ? 1 : 0));
        var token = root.FindToken(position);
        var symbol = token.Parent is null ? null : SymbolAt(model, token.Parent);
        if (symbol is null)
            return new JsonObject { ["status"] = "ok", ["found"] = false, ["data"] = new JsonObject(), ["metadata"] = new JsonObject() };
        var text = new StringBuilder(symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
        if (Summary(symbol) is { Length: > 0 } summary)
            text.Append("\n\n").Append(summary);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = true,
            ["data"] = new JsonObject { ["text/plain"] = text.ToString() },
            ["metadata"] = new JsonObject(),
        };
    }

    private IEnumerable<string> Candidates(string code, int identifierStart)
    {
        var (model, offset) = Compile(code);
        int position = offset + identifierStart;
        var root = model.SyntaxTree.GetRoot();
        var dot = root.FindToken(Math.Max(0, position - 1));
        if (dot.IsKind(SyntaxKind.DotToken) && dot.Parent is MemberAccessExpressionSyntax access)
            return MembersOf(model, access.Expression, position);
        if (dot.IsKind(SyntaxKind.DotToken) && dot.Parent is QualifiedNameSyntax qualified)
            return MembersOf(model, qualified.Left, position);
        return model.LookupSymbols(position).Where(s => s.CanBeReferencedByName).Select(s => s.Name).Concat(Keywords);
    }

    private static IEnumerable<string> MembersOf(SemanticModel model, ExpressionSyntax left, int position)
    {
        var symbol = model.GetSymbolInfo(left).Symbol;
        if (symbol is INamespaceSymbol ns)
            return model.LookupNamespacesAndTypes(position, ns).Select(s => s.Name);
        if (symbol is INamedTypeSymbol type && left is not InvocationExpressionSyntax && IsTypeName(model, left))
            return model.LookupStaticMembers(position, type).Where(s => s.CanBeReferencedByName).Select(s => s.Name);
        var valueType = model.GetTypeInfo(left).Type;
        if (valueType is null or IErrorTypeSymbol)
            return [];
        return model.LookupSymbols(position, valueType, includeReducedExtensionMethods: true)
            .Where(s => s.CanBeReferencedByName && !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension })
            .Select(s => s.Name);
    }

    private static bool IsTypeName(SemanticModel model, ExpressionSyntax left) =>
        model.GetSymbolInfo(left).Symbol is ITypeSymbol && model.GetTypeInfo(left).Type is not null &&
        model.GetSymbolInfo(left).Symbol!.Kind == SymbolKind.NamedType;

    private static ISymbol? SymbolAt(SemanticModel model, SyntaxNode node)
    {
        for (var current = node; current is not null && current is not StatementSyntax and not GlobalStatementSyntax; current = current.Parent)
        {
            var info = model.GetSymbolInfo(current);
            if (info.Symbol is { } symbol)
                return symbol;
            if (info.CandidateSymbols.FirstOrDefault() is { } candidate)
                return candidate;
            if (model.GetDeclaredSymbol(current) is { } declared)
                return declared;
        }
        return null;
    }

    private static string Summary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: true);
        if (string.IsNullOrWhiteSpace(xml) && symbol is IMethodSymbol { ReducedFrom: { } original })
            xml = original.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
            return "";
        var summary = SummaryTag().Match(xml);
        var text = summary.Success ? summary.Groups[1].Value : "";
        text = CrefTag().Replace(text, m => m.Groups[1].Value.Split('.').Last());
        text = AnyTag().Replace(text, "");
        return Whitespace().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
    }

    /// <summary>The history chain plus <paramref name="code"/>: its semantic model and where the code starts in it.</summary>
    private (SemanticModel Model, int Offset) Compile(string code)
    {
        Script<object> previous;
        lock (_lock)
        {
            var loaded = LoadedAssemblies();
            if (_compiled is null || loaded.Length != _compiledAssemblyCount)
            {
                // New assemblies were loaded (a #r): rebuild the chain with them referenced.
                _compiled = CSharpScript.Create("", Options(loaded), typeof(KernelGlobals));
                _compiledAssemblyCount = loaded.Length;
                _compiledCells = 0;
            }
            for (; _compiledCells < _history.Count; _compiledCells++)
            {
                // Roslyn cannot chain onto a submission with errors: a cell that does not compile here (it used
                // something only the engine provides) is left out, and its declarations are not offered.
                var next = _compiled.ContinueWith(_history[_compiledCells]);
                if (!next.GetCompilation().GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                    _compiled = next;
            }
            previous = _compiled;
        }
        var script = previous.ContinueWith(BlankMagics(code));
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        return (compilation.GetSemanticModel(tree), 0);
    }

    private static ScriptOptions Options(ImmutableArray<MetadataReference> references) =>
        ScriptOptions.Default.WithReferences(references).WithImports(CSharpSession.DefaultImports).WithLanguageVersion(LanguageVersion.Latest);

    private static ImmutableArray<MetadataReference> LoadedAssemblies()
    {
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || !seen.Add(assembly.GetName().Name ?? assembly.Location))
                continue;
            var xml = Path.ChangeExtension(assembly.Location, ".xml");
            references.Add(MetadataReference.CreateFromFile(assembly.Location,
                documentation: File.Exists(xml) ? new XmlDocFile(xml) : null));
        }
        return references.ToImmutable();
    }

    /// <summary>Replaces notebook magic lines with spaces (same length, so offsets stay put).</summary>
    internal static string BlankMagics(string code) =>
        MagicLine().Replace(code, m => new string(' ', m.Length));

    private static string IndentAfter(string code)
    {
        var lastLine = code.TrimEnd('\n', '\r').Split('\n').LastOrDefault() ?? "";
        var indent = lastLine[..(lastLine.Length - lastLine.TrimStart().Length)];
        var trimmed = lastLine.TrimEnd();
        return trimmed.EndsWith('{') || trimmed.EndsWith('(') ? indent + "    " : indent;
    }

    /// <summary>Code points → UTF-16 index (they differ only past characters outside the BMP).</summary>
    internal static int Utf16Offset(string text, int codePoints)
    {
        int index = 0;
        for (int seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        return index;
    }

    /// <summary>UTF-16 index → code points.</summary>
    internal static int CodePointOffset(string text, int utf16) => text[..utf16].EnumerateRunes().Count();

    [GeneratedRegex(@"^[ \t]*#(?:[ri][ \t]|!)[^\n]*", RegexOptions.Multiline)]
    private static partial Regex MagicLine();

    [GeneratedRegex(@"<summary>(.*?)</summary>", RegexOptions.Singleline)]
    private static partial Regex SummaryTag();

    [GeneratedRegex(@"<(?:see|paramref|typeparamref)\s+(?:cref|name|langword)=""(?:[A-Z]:)?([^""]+)""\s*/>")]
    private static partial Regex CrefTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
