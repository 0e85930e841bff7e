using System.CommandLine;
using CourseKit.Cli.Commands;
using CourseKit.Notebooks.Execution;

// `coursekit`: the kit's command-line tool. Each sub-command lives in Commands/ with its own file.
var root = new RootCommand("CourseKit: Deep Learning for Computer Vision in C#, the course kit.");
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(NotebookCommand.Create());
root.Subcommands.Add(KernelCommand.Create(() => new CSharpSession()));
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(RunCommand.CreateRunOne());
root.Subcommands.Add(BookCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ProbeCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(VisionCommand.Create());
root.Subcommands.Add(AssignCommand.Create());
root.Subcommands.Add(GradeCommand.Create());
return root.Parse(args).Invoke();
