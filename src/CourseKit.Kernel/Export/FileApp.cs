using System.Text;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Kernel.Export;

/// <summary>The exported app and what the exporter had to change or could not carry over.</summary>
/// <param name="Source">The C# file-based app.</param>
/// <param name="Notes">One line per change a reader should know about (renamed variables, dropped references).</param>
public sealed record FileApp(string Source, IReadOnlyList<string> Notes);
