using System.CommandLine;
using CourseKit.Cli.Notebooks;
using CourseKit.Grading.Lectures;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit notebook normalize FILE…</c>: rewrites notebooks exactly as Polyglot Notebooks saves them
/// (<see cref="PolyglotSerializer"/>); <c>--check</c> only reports the ones that differ (exit 1).
/// <c>coursekit notebook student [NOTEBOOK|FOLDER…] [--out DIR]</c>: writes the student versions of lecture notebooks
/// (<see cref="LectureVersions"/>), by default of notebooks/ to out/notebooks/student/.
/// </summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("notebooks") { Description = "The .ipynb files.", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "Change nothing; list the notebooks that differ and exit 1 if any does." };
        var normalize = new Command("normalize", "Save notebooks exactly as Polyglot Notebooks (.NET Interactive's serializer) saves them.");
        normalize.Arguments.Add(files);
        normalize.Options.Add(check);
        normalize.SetAction(parse => Normalize(parse.GetValue(files)!, parse.GetValue(check)));
        var command = new Command("notebook", "Notebook files.");
        command.Subcommands.Add(normalize);
        command.Subcommands.Add(CreateStudent());
        return command;
    }

    private static Command CreateStudent()
    {
        var sources = new Argument<string[]>("sources")
        {
            Description = "Lecture notebooks or folders of them (the instructor's sources). Default: notebooks/.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out") { Description = "Where the student versions go.", DefaultValueFactory = _ => Path.Combine("out", "notebooks", "student") };
        var student = new Command("student", "Write the student versions of lecture notebooks: exercise solutions stubbed, solution cells removed.");
        student.Arguments.Add(sources);
        student.Options.Add(output);
        student.SetAction(parse => WriteStudentVersions(parse.GetValue(sources) ?? [], parse.GetValue(output)!));
        return student;
    }

    private static IEnumerable<string> NotebooksIn(string source) =>
        Directory.Exists(source) ? Directory.GetFiles(source, "*.ipynb").Order(StringComparer.Ordinal) : [source];

    private static int WriteStudentVersions(string[] sources, string output)
    {
        if (sources.Length == 0) sources = ["notebooks"];
        var files = sources.SelectMany(NotebooksIn).ToList();
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"No notebooks in {string.Join(", ", sources)}: name the lecture notebooks or their folder.");
            return 2;
        }
        foreach (var file in files)
        {
            try
            {
                var student = LectureVersions.Student(file);
                var bytes = PolyglotSerializer.Normalize(System.Text.Encoding.UTF8.GetBytes(NotebookFile.ToJson(student)));
                Directory.CreateDirectory(output);
                string target = Path.Combine(output, Path.GetFileName(file));
                File.WriteAllBytes(target, bytes);
                Console.WriteLine($"{file} → {target}");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or NotebookFormatException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{file}: {e.Message}");
                return 2;
            }
        }
        return 0;
    }

    private static int Normalize(FileInfo[] files, bool check)
    {
        int differing = 0;
        foreach (var file in files)
        {
            try
            {
                var bytes = File.ReadAllBytes(file.FullName);
                var normalized = PolyglotSerializer.Normalize(bytes);
                if (normalized.AsSpan().SequenceEqual(bytes)) continue;
                differing++;
                if (check)
                {
                    Console.WriteLine($"{file}: differs from what Polyglot Notebooks saves; run `coursekit notebook normalize {file}`.");
                    continue;
                }
                File.WriteAllBytes(file.FullName, normalized);
                Console.WriteLine($"{file}: normalized.");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{file}: {e.Message}");
                return 2;
            }
        }
        return check && differing > 0 ? 1 : 0;
    }
}
