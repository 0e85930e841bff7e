using System.Text;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Kernel.Export;

/// <summary>
/// Turns a notebook into a C# file-based app (<c>dotnet run app.cs</c>, .NET 10), the way forward Microsoft
/// recommends after Polyglot Notebooks: <c>#:project</c> points at the kit, other <c>#r "nuget: …"</c> become
/// <c>#:package</c>, markdown cells become comments, code cells follow in order, and displays are written
/// as files beside the app by <see cref="CourseKit.FileApps.FileDisplay"/>.
/// </summary>
/// <remarks>
/// A notebook is a chain of script submissions; an app is one program, so the exporter also: moves
/// <c>using</c> directives to the top and type declarations to the end (C# requires both); turns a cell's
/// trailing expression into <c>display(…);</c> (a trailing <c>Show…(…)</c> call, which shows and returns nothing, stays a
/// statement); turns script fields and methods into locals and local
/// functions; and renames a variable a later cell declares again (<c>x</c> → <c>x_2</c>, in that cell and after).
/// </remarks>
public static partial class FileAppExporter
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Exports <paramref name="notebook"/> for an app at <paramref name="appPath"/>.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="notebookName">Its file name (for the header comment).</param>
    /// <param name="appPath">Where the .cs will be written (the <c>#:project</c> path is relative to it).</param>
    /// <param name="kitProject">The path of src/CourseKit/CourseKit.csproj.</param>
    public static FileApp Export(Notebook notebook, string notebookName, string appPath, string kitProject)
    {
        var notes = new List<string>();
        var usings = new List<string>();
        var packages = new List<string>();
        var types = new StringBuilder();
        var body = new StringBuilder();
        var renames = new Dictionary<string, string>();
        var declared = new HashSet<string>();

        int index = 0;
        foreach (var cell in notebook.Cells)
        {
            index++;
            if (!cell.IsCode || IsMarkdownSwitch(cell.Source))
            {
                body.Append(Comment(cell.CellType == "code" ? StripLeadingSwitch(cell.Source) : cell.Source)).Append('\n');
                continue;
            }
            var code = TakeDirectives(cell.Source, packages, notes, index);
            if (code.Trim().Length == 0)
                continue;
            body.Append($"// ── cell {index} ──\n");
            var (statements, cellTypes) = Translate(code, usings, renames, declared, notes, index);
            body.Append(statements.TrimEnd()).Append("\n\n");
            if (cellTypes.Length > 0)
                types.Append($"// ── types from cell {index} ──\n").Append(cellTypes.TrimEnd()).Append("\n\n");
        }

        var app = new StringBuilder();
        app.Append($"// {Title(notebook) ?? notebookName}: exported from {notebookName} by `coursekit export`.\n");
        app.Append($"// Run it with `dotnet run {Path.GetFileName(appPath)}` (.NET 10 SDK). Pictures, charts and tables are\n");
        app.Append($"// written to {Path.GetFileNameWithoutExtension(appPath)}.output/ beside this file.\n");
        app.Append($"#:project {RelativeProject(appPath, kitProject)}\n");
        foreach (var package in packages.Distinct())
            app.Append($"#:package {package}\n");
        app.Append('\n');
        foreach (var directive in usings.Append("using CourseKit.FileApps;").Append("using static CourseKit.FileApps.FileDisplay;").Distinct())
            app.Append(directive).Append('\n');
        app.Append("\nFileDisplay.Install();\n\n");
        app.Append(body.ToString().TrimEnd()).Append('\n');
        if (types.Length > 0)
            app.Append('\n').Append(types.ToString().TrimEnd()).Append('\n');
        return new FileApp(app.ToString(), notes);
    }

    /// <summary>Finds src/CourseKit/CourseKit.csproj in the folders above <paramref name="start"/>.</summary>
    /// <exception cref="FileNotFoundException">The notebook is not inside the kit's repository.</exception>
    public static string FindKitProject(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CourseKit", "CourseKit.csproj");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"No src/CourseKit/CourseKit.csproj above {start}: export from inside the kit's repository, or pass --project.");
    }

    private static string RelativeProject(string appPath, string kitProject)
    {
        var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(appPath))!, Path.GetFullPath(kitProject));
        return relative.Replace('\\', '/');
    }

    /// <summary>Removes notebook-only lines; <c>#r "nuget:"</c> of other packages become <c>#:package</c>.</summary>
    private static string TakeDirectives(string source, List<string> packages, List<string> notes, int cell)
    {
        var kept = new StringBuilder();
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.Trim();
            var nuget = NugetReference().Match(trimmed);
            if (nuget.Success)
            {
                var (name, version) = (nuget.Groups[1].Value.Trim(), nuget.Groups[2].Value.Trim());
                if (!name.Equals("CourseKit", StringComparison.OrdinalIgnoreCase))
                    packages.Add(version.Length > 0 ? $"{name}@{version}" : name);
                continue;
            }
            if (trimmed.StartsWith("#r ", StringComparison.Ordinal))
            {
                notes.Add($"cell {cell}: {trimmed} has no file-based-app equivalent; it was left as a comment.");
                kept.Append("// ").Append(trimmed).Append(" (reference it from a project instead)\n");
                continue;
            }
            if (trimmed.StartsWith("#i ", StringComparison.Ordinal) || trimmed.StartsWith("#!", StringComparison.Ordinal))
                continue;
            kept.Append(line).Append('\n');
        }
        return kept.ToString();
    }

    private static (string Statements, string Types) Translate(string code, List<string> usings,
        Dictionary<string, string> renames, HashSet<string> declared, List<string> notes, int cell)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot();
        foreach (var directive in root.Usings)
            usings.Add(directive.ToString().Trim());

        // Variables this cell declares at top level that an earlier cell already declared get a new name.
        foreach (var name in TopLevelVariables(root))
        {
            if (declared.Add(name) && !renames.ContainsKey(name))
                continue;
            int n = 2;
            while (!declared.Add($"{name}_{n}"))
                n++;
            renames[name] = $"{name}_{n}";
            notes.Add($"cell {cell}: '{name}' is declared again; in the app it is '{name}_{n}' from here on.");
        }
        if (renames.Count > 0)
            root = (CompilationUnitSyntax)new Renamer(renames).Visit(root);

        var statements = new StringBuilder();
        var types = new StringBuilder();
        var members = root.Members;
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            switch (member)
            {
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                    types.Append(member.ToFullString().Trim('\n', '\r')).Append('\n');
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } trailing }:
                    // A trailing expression is the cell's result: the notebook displays it. A call of a Show… method
                    // has no result (the kit's convention: Show… shows and returns nothing), so it stays a statement.
                    statements.Append(member.GetLeadingTrivia().ToFullString())
                        .Append(IsShowCall(trailing.Expression)
                            ? $"{trailing.Expression.WithoutTrivia()};\n"
                            : $"display({trailing.Expression.WithoutTrivia()});\n");
                    break;
                case FieldDeclarationSyntax field:
                    statements.Append(WithoutModifiers(field, field.Modifiers).ToFullString().Trim('\n', '\r')).Append('\n');
                    break;
                case MethodDeclarationSyntax method:
                    statements.Append(WithoutModifiers(method, method.Modifiers).ToFullString().Trim('\n', '\r')).Append('\n');
                    break;
                default:
                    statements.Append(member.ToFullString().Trim('\n', '\r')).Append('\n');
                    break;
            }
        }
        return (statements.ToString(), types.ToString());
    }

    /// <summary>True for <c>Show…(…)</c> and <c>X.Show…(…)</c>: the calls that show and return nothing.</summary>
    private static bool IsShowCall(ExpressionSyntax expression)
    {
        string? called = expression switch
        {
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax method } => method.Identifier.Text,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.Identifier.Text,
            _ => null,
        };
        return called is not null && called.StartsWith("Show", StringComparison.Ordinal);
    }

    private static IEnumerable<string> TopLevelVariables(CompilationUnitSyntax root)
    {
        foreach (var member in root.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (declaration is null)
                continue;
            foreach (var variable in declaration.Variables)
                yield return variable.Identifier.ValueText;
        }
    }

    /// <summary>Script fields and methods become locals and local functions: access, static and readonly modifiers go.</summary>
    private static SyntaxNode WithoutModifiers(MemberDeclarationSyntax member, SyntaxTokenList modifiers)
    {
        var kept = SyntaxFactory.TokenList(modifiers.Where(m => !m.IsKind(SyntaxKind.PublicKeyword) && !m.IsKind(SyntaxKind.PrivateKeyword)
            && !m.IsKind(SyntaxKind.InternalKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword) && !m.IsKind(SyntaxKind.ReadOnlyKeyword)
            && !(member is FieldDeclarationSyntax && m.IsKind(SyntaxKind.StaticKeyword))));
        var leading = member.GetLeadingTrivia();
        var stripped = member.WithModifiers(kept);
        return stripped.WithLeadingTrivia(leading);
    }

    private static bool IsMarkdownSwitch(string source) => source.TrimStart().StartsWith("#!markdown", StringComparison.Ordinal);

    private static string StripLeadingSwitch(string source)
    {
        var text = source.TrimStart();
        int newline = text.IndexOf('\n');
        return newline < 0 ? "" : text[(newline + 1)..];
    }

    private static string Comment(string markdown) =>
        string.Join('\n', markdown.TrimEnd().Split('\n').Select(line => line.Length == 0 ? "//" : "// " + line.TrimEnd('\r'))) + "\n";

    private static string? Title(Notebook notebook) =>
        notebook.Cells.Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n'))
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();

    /// <summary>Renames identifiers that refer to a renamed variable (not member names, named arguments or initializer members).</summary>
    private sealed class Renamer(IReadOnlyDictionary<string, string> renames) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            if (!renames.TryGetValue(node.Identifier.ValueText, out var renamed) || IsMemberName(node))
                return base.VisitIdentifierName(node);
            return node.WithIdentifier(SyntaxFactory.Identifier(node.Identifier.LeadingTrivia, renamed, node.Identifier.TrailingTrivia));
        }

        public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node)
        {
            var visited = (VariableDeclaratorSyntax)base.VisitVariableDeclarator(node)!;
            if (node.Parent?.Parent is FieldDeclarationSyntax or LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax }
                && renames.TryGetValue(node.Identifier.ValueText, out var renamed))
                return visited.WithIdentifier(SyntaxFactory.Identifier(node.Identifier.LeadingTrivia, renamed, node.Identifier.TrailingTrivia));
            return visited;
        }

        private static bool IsMemberName(IdentifierNameSyntax node) => node.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Name == node,
            MemberBindingExpressionSyntax => true,
            NameColonSyntax => true,
            AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression } } assignment => assignment.Left == node,
            _ => false,
        };
    }

    [GeneratedRegex(@"^#r\s+""nuget:\s*([^,""]+)(?:,\s*([^""]*))?""")]
    private static partial Regex NugetReference();
}
