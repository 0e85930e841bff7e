using System.CommandLine;
using CourseKit.Data;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

/// <summary><c>coursekit doctor</c>: checks that everything the kit needs is here and says what to do if not.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check the machine: OS, .NET, TorchSharp, libtorch, threads and datasets.");
        command.SetAction(_ =>
        {
            DatasetChecks.Register();
            var report = Doctor.Examine();
            Console.Write(report.ToText());
            return report.Healthy ? 0 : 1;
        });
        return command;
    }
}
