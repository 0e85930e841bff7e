using System.CommandLine;
using CourseKit.Grading.Assignments;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit assign generate --assignment A1</c>: the student notebook and the grading master copy;
/// <c>coursekit assign bundle --assignment A1</c>: the Gradescope autograder bundle.
/// </summary>
internal static class AssignCommand
{
    public static Command Create()
    {
        var command = new Command("assign", "Instructor tools: generate the student notebook and the grading bundle of an assignment.");
        command.Subcommands.Add(Generate());
        command.Subcommands.Add(Bundle());
        return command;
    }

    private static Command Generate()
    {
        var assignment = AssignmentCatalog.IdOption();
        var assignments = AssignmentCatalog.FolderOption();
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "out/assignments" };
        var command = new Command("generate", "Write the student notebook (solutions → stubs, hidden tests removed) and the master copy.")
        {
            assignment, assignments, output,
        };
        command.SetAction(parse =>
        {
            var definition = AssignmentCatalog.Find(parse.GetValue(assignment)!);
            var generated = AssignmentGenerator.FromSource(definition, parse.GetValue(assignments));
            string root = Path.Combine(parse.GetValue(output)!, definition.Id);
            string student = Path.Combine(root, "student", definition.Id + ".ipynb");
            Directory.CreateDirectory(Path.GetDirectoryName(student)!);
            File.WriteAllText(student, generated.StudentNotebookJson);
            string grading = Directory.CreateDirectory(Path.Combine(root, "grading")).FullName;
            generated.Master.Write(Path.Combine(grading, "master.json"));
            Console.WriteLine($"{definition.Title}: {definition.Questions.Count} questions, {definition.MaxScore} points, " +
                              $"{definition.Checks.Count(c => c.Visibility == Visibility.Hidden)} hidden checks of {definition.Checks.Count}.");
            Console.WriteLine($"  student notebook: {student}");
            Console.WriteLine($"  master copy:      {Path.Combine(grading, "master.json")} ({generated.Master.Cells.Count} graded/locked cells with checksums)");
            return 0;
        });
        return command;
    }

    private static Command Bundle()
    {
        var assignment = AssignmentCatalog.IdOption();
        var assignments = AssignmentCatalog.FolderOption();
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "out/autograder" };
        var command = new Command("bundle", "Write the Gradescope autograder bundle (setup.sh, run_autograder, master copy, the kit's sources) and zip it.")
        {
            assignment, assignments, output,
        };
        command.SetAction(parse =>
        {
            var definition = AssignmentCatalog.Find(parse.GetValue(assignment)!);
            string root = AssignmentFiles.AssignmentsRoot(parse.GetValue(assignments));
            var generated = AssignmentGenerator.FromSource(definition, root);
            string bundle = AutograderBundle.Write(definition, generated.Master, parse.GetValue(output)!, Path.GetDirectoryName(root)!);
            string zip = bundle + ".zip";
            File.Delete(zip);
            System.IO.Compression.ZipFile.CreateFromDirectory(bundle, zip);
            Console.WriteLine($"Gradescope autograder bundle: {zip} (upload it as the assignment's autograder).");
            return 0;
        });
        return command;
    }
}
