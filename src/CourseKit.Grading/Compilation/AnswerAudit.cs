using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Grading.Compilation;

/// <summary>
/// Checks what an answer binds to, on the compiler's semantic model: every symbol it names must be allowed by its
/// question's <see cref="AnswerRules"/>. The error names the symbol, the line and the rule, so an honest student knows
/// what to change.
/// </summary>
internal static class AnswerAudit
{
    /// <summary>Namespaces no answer may use: reflection, run-time name resolution, dynamic code, native interop.</summary>
    private static readonly string[] DeniedNamespaces =
    [
        "System.Reflection", "System.Runtime.InteropServices", "System.Runtime.Loader", "System.Runtime.CompilerServices",
        "System.Linq.Expressions", "System.Dynamic", "System.CodeDom", "Microsoft.CSharp", "Microsoft.Win32", "System.Runtime.Intrinsics",
    ];

    /// <summary>Types whose members resolve names at run time or load code.</summary>
    private static readonly string[] DeniedTypes = ["System.Type", "System.Activator", "System.AppDomain", "System.Delegate", "System.MulticastDelegate"];

    /// <summary>
    /// The .NET an answer may use, whatever its question: an allow-list, so files, processes, the network, threads,
    /// the environment and the garbage collector are refused at compile time, not only contained by the sandbox.
    /// Whole namespaces: collections, Linq, text building and formatting.
    /// </summary>
    private static readonly string[] AllowedFrameworkNamespaces =
        ["System.Collections.Generic", "System.Collections", "System.Linq", "System.Text", "System.Globalization"];

    /// <summary>The types of the System namespace itself an answer may use: numbers, maths, tuples, delegates, arrays, exceptions.</summary>
    private static readonly HashSet<string> AllowedSystemTypes =
    [
        "Math", "MathF", "Array", "Tuple", "ValueTuple", "Func", "Action", "Predicate", "Comparison", "Converter", "Nullable",
        "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "Index", "Range", "Random", "Convert", "Console", "HashCode",
        "String", "Char", "Boolean", "Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Half", "Single",
        "Double", "Decimal", "Object", "IDisposable", "IComparable", "IEquatable", "IFormattable", "StringComparison",
        "StringComparer", "StringSplitOptions", "MidpointRounding", "Exception", "ArgumentException", "ArgumentNullException",
        "ArgumentOutOfRangeException", "InvalidOperationException", "NotImplementedException", "NotSupportedException",
        "IndexOutOfRangeException", "ArithmeticException", "DivideByZeroException", "FormatException",
    ];

    private const string NoReflection =
        "reflection, names resolved at run time, dynamic code and native interop are not allowed in any answer (rule: no-reflection)";

    /// <summary>The first few violations, each "line N: … (rule: …)"; empty when the answer keeps to its rules.</summary>
    public static IReadOnlyList<string> Violations(CSharpCompilation compilation, SyntaxTree tree, string question, AnswerRules rules)
    {
        var model = compilation.GetSemanticModel(tree);
        var found = new List<string>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (found.Count >= 3) break;
            if (Syntactic(node) is string syntaxRule) { found.Add($"{Line(node)}: {syntaxRule}"); continue; }
            if (!Binds(node)) continue;
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null || symbol is INamespaceSymbol) continue;
            if (Refusal(symbol, question, rules) is string rule)
                found.Add($"{Line(node)}: {question} may not use {Describe(symbol)}: {rule}.");
        }
        return found.Distinct().ToList();
    }

    /// <summary>Unsafe code, function pointers, extern methods and stackalloc into pointers are refused by their syntax.</summary>
    private static string? Syntactic(SyntaxNode node) => node switch
    {
        FunctionPointerTypeSyntax => "function pointers are native interop; " + NoReflection + ".",
        PointerTypeSyntax => "pointers are unsafe code; " + NoReflection + ".",
        MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.ExternKeyword) => "extern methods are native interop; " + NoReflection + ".",
        LocalFunctionStatementSyntax f when f.Modifiers.Any(SyntaxKind.ExternKeyword) => "extern functions are native interop; " + NoReflection + ".",
        _ => null,
    };

    private static bool Binds(SyntaxNode node) => node is SimpleNameSyntax or InvocationExpressionSyntax
        or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or AttributeSyntax;

    /// <summary>Why the answer may not use <paramref name="symbol"/>, or null when it may.</summary>
    private static string? Refusal(ISymbol symbol, string question, AnswerRules rules)
    {
        if (symbol is IDynamicTypeSymbol || symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic }) return NoReflection;
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        string space = (symbol as ITypeSymbol ?? symbol.ContainingType)?.ContainingNamespace?.ToDisplayString() ?? "";
        if (DeniedNamespaces.Any(d => space == d || space.StartsWith(d + ".", StringComparison.Ordinal))) return NoReflection;
        if (symbol is not ITypeSymbol && type is not null && DeniedTypes.Contains(type.ToDisplayString())) return NoReflection;
        if (symbol is IMethodSymbol { Name: "GetType" } && type?.SpecialType == SpecialType.System_Object) return NoReflection;
        string assembly = symbol.ContainingAssembly?.Name ?? "";
        if (!rules.AnyDotNet && IsFramework(assembly) && type is not null && type.SpecialType == SpecialType.None && !FrameworkAllowed(type, space))
            return $"an answer may use only numbers, maths, tuples, delegates, arrays, exceptions, collections, Linq and " +
                   $"string building from .NET; files, processes, the network, threads, the environment and the GC are not " +
                   $"part of any answer (rule: dotnet allow-list)";
        if (assembly == "CourseKit" && !(rules.KitNamespaces ?? []).Any(k => space == k || space.StartsWith(k + ".", StringComparison.Ordinal)))
            return "the kit's own code is not allowed in this answer; implement it yourself (rule: no-kit-code)";
        if (assembly == "TorchSharp") return TorchRefusal(symbol, question, rules);
        return null;
    }

    private static bool IsFramework(string assembly) =>
        assembly is "mscorlib" or "netstandard" or "System" || assembly.StartsWith("System.", StringComparison.Ordinal);

    private static bool FrameworkAllowed(INamedTypeSymbol type, string space)
    {
        while (type.ContainingType is { } outer) type = outer;   // a nested type is allowed with the type it belongs to
        if (AllowedFrameworkNamespaces.Contains(space)) return true;
        return space == "System" && AllowedSystemTypes.Contains(type.Name);
    }

    private static string? TorchRefusal(ISymbol symbol, string question, AnswerRules rules)
    {
        for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
            if (outer.Name == "jit") return "TorchScript compiles code at run time; " + NoReflection;
        if (rules.TorchMembers is null || symbol is ITypeSymbol) return null;
        if (symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion }) return null;
        if (symbol is IFieldSymbol { ContainingType.TypeKind: TypeKind.Enum }) return null;
        bool listed = rules.TorchMembers.Contains(symbol.Name, StringComparer.Ordinal);
        if (listed && TensorApi(symbol.ContainingType)) return null;
        if (listed)
            return $"{question} allows its tensor primitives as members of torch and Tensor only, and {symbol.ContainingType?.ToDisplayString()} " +
                   $"is another type (a distribution, a module, torch.linalg, torch.special…); call torch.{symbol.Name} or x.{symbol.Name} (rule: {question} allow-list)";
        return $"{question} allows only tensor primitives (shapes and views, indexing, creation, arithmetic, reductions, " +
               $"matmul, pad); build the operation from them (rule: {question} allow-list)";
    }

    /// <summary>
    /// The types whose members a primitives allow-list names (matched by declaring type, not by name alone, so a listed
    /// name on a distribution, a module or another namespace of torch is not let through by its name).
    /// </summary>
    private static readonly HashSet<string> TensorApiTypes =
    [
        "TorchSharp.torch", "TorchSharp.torch.Tensor", "TorchSharp.torch.TensorIndex", "TorchSharp.torch.nn.functional",
        "TorchSharp.torch.random", "TorchSharp.torch.Generator", "TorchSharp.torch.Size", "TorchSharp.torch.Device",
        "TorchSharp.TensorExtensionMethods", "TorchSharp.ScalarExtensionMethods", "TorchSharp.Scalar", "TorchSharp.DisposeScope",
    ];

    private static bool TensorApi(INamedTypeSymbol? type) =>
        type is not null && TensorApiTypes.Contains(type.OriginalDefinition.ToDisplayString());

    private static string Describe(ISymbol symbol) => symbol switch
    {
        ITypeSymbol type => type.ToDisplayString(),
        { ContainingType: { } type } => $"{type.ToDisplayString()}.{(symbol.Name == ".ctor" ? "new" : symbol.Name)}",
        _ => symbol.Name,
    };

    private static string Line(SyntaxNode node) => $"line {node.GetLocation().GetMappedLineSpan().StartLinePosition.Line + 1}";
}
