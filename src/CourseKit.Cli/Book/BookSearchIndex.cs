using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CourseKit.Cli.Book;

/// <summary>
/// The website's full-text search, offline: one document per section of every page (its heading, its text and code),
/// written as a script (<c>search-index.js</c>, setting <c>window.CourseKitSearchDocuments</c>) because a page opened
/// from disk cannot fetch a JSON file; the search page builds a MiniSearch index from it in the browser.
/// </summary>
internal sealed class BookSearchIndex
{
    /// <summary>The index's file name in the site.</summary>
    public const string File = "search-index.js";

    private readonly List<Document> documents = [];

    /// <summary>One searchable section; <paramref name="Words"/> are searched but not shown (the names of its formulas' symbols).</summary>
    public sealed record Document(int Id, string Url, string Page, string Section, string Text, string Words);

    /// <summary>
    /// Adds a section of <paramref name="page"/>, found at <paramref name="url"/>; <paramref name="words"/> find it too
    /// (a search for "sigma" finds the σ of a formula).
    /// </summary>
    public void Add(string url, string page, string section, string text, IEnumerable<string> words)
    {
        var plain = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        // Nothing to find: an empty stretch before a page's first heading (its title is the page's own entry).
        if (plain.Length == 0 && (section.Length == 0 || section == page)) return;
        documents.Add(new Document(documents.Count + 1, url, page, section, plain, string.Join(' ', words.Distinct())));
    }

    /// <summary>Sections indexed.</summary>
    public int Count => documents.Count;

    /// <summary>Writes the index script into <paramref name="site"/>.</summary>
    public void Write(string site)
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = JavaScriptEncoder.Default };
        var script = new StringBuilder("// The course's search index (coursekit book): one entry per section of every page.\n")
            .Append("window.CourseKitSearchDocuments = ").Append(JsonSerializer.Serialize(documents, options)).Append(";\n");
        System.IO.File.WriteAllText(Path.Combine(site, File), script.ToString());
    }
}
