namespace CourseKit.Cli.Book;

/// <summary>What <see cref="BookBuilder.Build"/> wrote.</summary>
/// <param name="Folder">The site's folder (open <c>index.html</c>).</param>
/// <param name="Pages">Every HTML page written, relative to <paramref name="Folder"/> (home, chapters, search).</param>
/// <param name="Charts">Charts on the pages.</param>
/// <param name="Formulas">LaTeX formulas on the pages.</param>
public sealed record BookResult(string Folder, IReadOnlyList<string> Pages, int Charts, int Formulas);
