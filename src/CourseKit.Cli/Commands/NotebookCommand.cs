using System.CommandLine;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit notebook normalize FILE…</c>: rewrites notebooks exactly as Polyglot Notebooks saves them
/// (<see cref="PolyglotSerializer"/>); <c>--check</c> only reports the ones that differ (exit 1).
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
        return command;
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
