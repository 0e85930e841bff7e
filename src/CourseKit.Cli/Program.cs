using System.CommandLine;
using CourseKit.Cli.Commands;

// `coursekit`: the kit's command-line tool. Each sub-command lives in Commands/ with its own file.
var root = new RootCommand("CourseKit: Deep Learning for Computer Vision in C#, the course kit.");
root.Subcommands.Add(DoctorCommand.Create());
return root.Parse(args).Invoke();
