using System.CommandLine;
using CourseKit.Kernel.Export;
using CourseKit.Notebooks.Model;

namespace CourseKit.Cli.Commands;

/// <summary><c>coursekit export NOTEBOOK --to cs</c>: writes the notebook as a C# file-based app (<c>dotnet run app.cs</c>).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var notebook = new Argument<FileInfo>("notebook") { Description = "The .ipynb to export." };
        var to = new Option<string>("--to") { Description = "The format: cs (a C# file-based app).", DefaultValueFactory = _ => "cs" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The .cs file to write (default: beside the notebook, same name)." };
        var project = new Option<FileInfo?>("--project") { Description = "The kit's src/CourseKit/CourseKit.csproj (default: found above the notebook)." };
        var command = new Command("export", "Export a notebook as a C# file-based app that runs with `dotnet run app.cs`.");
        command.Arguments.Add(notebook);
        command.Options.Add(to);
        command.Options.Add(output);
        command.Options.Add(project);
        command.SetAction(parse =>
        {
            var source = parse.GetValue(notebook)!;
            if (parse.GetValue(to) != "cs")
            {
                Console.Error.WriteLine($"--to {parse.GetValue(to)} is not supported; the only format is 'cs' (a C# file-based app).");
                return 2;
            }
            try
            {
                var target = parse.GetValue(output)?.FullName ?? Path.ChangeExtension(source.FullName, ".cs");
                var kit = parse.GetValue(project)?.FullName ?? FileAppExporter.FindKitProject(Path.GetDirectoryName(Path.GetFullPath(target))!);
                var app = FileAppExporter.Export(NotebookFile.Read(source.FullName), source.Name, target, kit);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, app.Source);
                foreach (var note in app.Notes)
                    Console.WriteLine($"note: {note}");
                Console.WriteLine($"Wrote {target}; run it with: dotnet run {Path.GetFileName(target)}");
                return 0;
            }
            catch (Exception e) when (e is NotebookFormatException or FileNotFoundException or IOException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
