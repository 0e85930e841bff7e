using System.CommandLine;
using System.Diagnostics;
using CourseKit.Cli.Book;
using CourseKit.Grading.Assignments;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit book</c>: the course as a static website (out/book/index.html) from the executed lectures
/// (out/executed, written by <c>coursekit run notebooks</c>) and the assignments' student versions. See <see cref="BookBuilder"/>.
/// </summary>
internal static class BookCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder for the website (default out/book).", DefaultValueFactory = _ => Path.Combine("out", "book") };
        var executed = new Option<string>("--executed") { Description = "The executed lectures (default out/executed, what `coursekit run notebooks` writes).", DefaultValueFactory = _ => Path.Combine("out", "executed") };
        var notebooks = new Option<string>("--notebooks") { Description = "The lecture notebooks' sources, for the list and order of lectures (default notebooks).", DefaultValueFactory = _ => "notebooks" };
        var assignments = AssignmentCatalog.FolderOption();
        var unexecuted = new Option<bool>("--allow-unexecuted") { Description = "Publish a lecture that has no executed copy without outputs, instead of stopping." };
        var command = new Command("book", "Build the course website (home, syllabus, one page per lecture and assignment, search) from the executed course.")
        {
            output, executed, notebooks, assignments, unexecuted,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(executed)!, parse.GetValue(notebooks)!, parse.GetValue(assignments), parse.GetValue(unexecuted)));
        return command;
    }

    /// <summary>Builds the book; 0 on success, 1 with a message saying what to do otherwise.</summary>
    public static int Run(string output, string executedFolder, string notebooksFolder, string? assignmentsFolder, bool allowUnexecuted)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var chapters = Chapters(executedFolder, notebooksFolder, assignmentsFolder, allowUnexecuted, out var problem);
            if (problem is not null) return Fail(problem);
            var book = BookBuilder.Build(chapters, output);
            Console.WriteLine($"Course website: {Path.Combine(book.Folder, "index.html")}");
            Console.WriteLine($"  {book.Pages.Count} pages ({chapters.Count(c => c.Kind == BookChapterKind.Lecture)} lectures, " +
                              $"{chapters.Count(c => c.Kind == BookChapterKind.Assignment)} assignments, home, search), {book.Charts} charts, " +
                              $"{book.Formulas} formulas; built in {clock.Elapsed.TotalSeconds:F1} s. Open index.html from disk or put the folder on any static host.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or NotebookFormatException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }
    }

    private static List<BookChapter> Chapters(string executedFolder, string notebooksFolder, string? assignmentsFolder, bool allowUnexecuted, out string? problem)
    {
        problem = null;
        var run = "dotnet run --project src/CourseKit.Cli -c Release -- run notebooks";
        if (!Directory.Exists(notebooksFolder))
        {
            problem = $"no lecture notebooks: {Path.GetFullPath(notebooksFolder)} does not exist. Run coursekit book in the course repository, or name the folder with --notebooks.";
            return [];
        }
        var sources = Directory.EnumerateFiles(notebooksFolder, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0)
        {
            problem = $"no lecture notebooks (.ipynb) in {Path.GetFullPath(notebooksFolder)}.";
            return [];
        }
        var missing = sources.Where(s => !File.Exists(Path.Combine(executedFolder, Path.GetFileName(s)))).ToList();
        if (missing.Count == sources.Count && !allowUnexecuted)
        {
            problem = $"no executed lectures in {Path.GetFullPath(executedFolder)}. The book shows the course with its outputs: run the course first,\n  {run}\n" +
                      "then coursekit book again (or name another folder of executed copies with --executed).";
            return [];
        }
        if (missing.Count > 0 && !allowUnexecuted)
        {
            problem = $"{missing.Count} lecture(s) have no executed copy in {Path.GetFullPath(executedFolder)}: {string.Join(", ", missing.Select(Path.GetFileName))}.\n" +
                      $"Run them ({run}), or pass --allow-unexecuted to publish them without outputs.";
            return [];
        }

        var chapters = new List<BookChapter>();
        foreach (var source in sources)
        {
            var executed = Path.Combine(executedFolder, Path.GetFileName(source));
            var notebook = NotebookFile.Read(File.Exists(executed) ? executed : source);
            var failed = notebook.CodeCells.FirstOrDefault(c => c.Outputs.Any(o => (string?)o["output_type"] == "error"));
            if (failed is not null)
                Console.Error.WriteLine($"coursekit book: warning: {Path.GetFileName(source)} stopped with an error (cell {failed.Id}); its page shows the run as it " +
                                        $"ended. Rerun it ({run} ) to publish it whole.");
            chapters.Add(new BookChapter(BookChapterKind.Lecture, Path.GetFileNameWithoutExtension(source), notebook));
        }
        foreach (var assignment in AssignmentCatalog.Known)
        {
            var generated = AssignmentGenerator.FromSource(assignment, assignmentsFolder);
            chapters.Add(new BookChapter(BookChapterKind.Assignment, assignment.Id, NotebookFile.Parse(generated.StudentNotebookJson, assignment.Id + ".ipynb")));
        }
        return chapters;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"coursekit book: {message}");
        return 1;
    }
}
