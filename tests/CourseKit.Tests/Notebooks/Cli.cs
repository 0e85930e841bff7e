using System.Diagnostics;

namespace CourseKit.Tests.Notebooks;

/// <summary>Runs the built `coursekit` CLI (copied beside the tests) as a child process.</summary>
internal static class Cli
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "CourseKit.Cli.exe" : "CourseKit.Cli");

    public static (int ExitCode, string Stdout, string Stderr) Run(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"coursekit {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds} s.\n{stderr.Result}");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The repository root: the folder holding CourseKit.sln above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CourseKit.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No CourseKit.sln above {AppContext.BaseDirectory}.");
    }
}
