using System.Text.RegularExpressions;

namespace CourseKit.Notebooks.Execution;

/// <summary>A <c>#r "nuget: Name, Version"</c> line.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The pinned version, or null when none was given.</param>
/// <param name="Line">The line in the cell (from 1).</param>
public sealed record PackageReference(string Name, string? Version, int Line);
