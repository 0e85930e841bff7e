using System.CommandLine;
using System.Runtime.InteropServices;
using CourseKit.Kernel;
using CourseKit.Kernel.Installation;
using CourseKit.Kernel.Protocol;
using CourseKit.Notebooks.Execution;

namespace CourseKit.Cli.Commands;

/// <summary>
/// <c>coursekit kernel --connection-file F</c>: runs the kit's Jupyter kernel (Jupyter starts it this way);
/// <c>coursekit kernel install</c>: registers it with Jupyter (JupyterLab, VS Code, nbconvert).
/// </summary>
internal static class KernelCommand
{
    public static Command Create(Func<INotebookSession> newSession)
    {
        var connectionFile = new Option<FileInfo>("--connection-file", "-f")
        {
            Description = "The connection file Jupyter wrote (ports and signing key).",
            Required = true,
        };
        var command = new Command("kernel", "Run the CourseKit C# Jupyter kernel (started by Jupyter from the installed kernelspec).");
        command.Options.Add(connectionFile);
        command.SetAction(parse => Run(parse.GetValue(connectionFile)!, newSession));
        command.Subcommands.Add(CreateInstall());
        command.Subcommands.Add(CreateExecute());
        return command;
    }

    private static Command CreateExecute()
    {
        var notebooks = new Argument<FileSystemInfo[]>("notebooks") { Description = "Notebooks, or folders of notebooks, to execute.", Arity = ArgumentArity.OneOrMore };
        var outputDir = new Option<DirectoryInfo>("--output-dir") { Description = "Where the executed copies go.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "jupyter")) };
        var timeout = new Option<int>("--timeout") { Description = "Per-cell timeout in seconds.", DefaultValueFactory = _ => 600 };
        var command = new Command("execute",
            "Execute notebooks through Jupyter's own client (jupyter nbconvert --execute) with this kernel, registered in a temporary JUPYTER_PATH; prints each notebook's time.");
        command.Arguments.Add(notebooks);
        command.Options.Add(outputDir);
        command.Options.Add(timeout);
        command.SetAction(async (parse, cancel) =>
        {
            var files = parse.GetValue(notebooks)!.SelectMany<FileSystemInfo, string>(entry => entry is DirectoryInfo dir
                ? dir.EnumerateFiles("*.ipynb").Select(f => f.FullName).Order(StringComparer.Ordinal)
                : [entry.FullName]).ToList();
            using var runner = new CourseKit.Kernel.Jupyter.NbconvertRunner(KernelSpec.CurrentLauncher());
            int failed = 0;
            foreach (var file in files)
            {
                var run = await runner.ExecuteAsync(file, parse.GetValue(outputDir)!.FullName, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancel);
                Console.WriteLine($"{(run.Succeeded ? "ok    " : "FAILED")} {run.Elapsed.TotalSeconds,7:F1} s  {Path.GetFileName(file)}");
                if (!run.Succeeded)
                {
                    failed++;
                    Console.WriteLine(run.Log);
                }
            }
            Console.WriteLine($"{files.Count - failed} of {files.Count} notebooks ran through Jupyter's client with kernel '{runner.KernelName}'.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static int Run(FileInfo connectionFile, Func<INotebookSession> newSession)
    {
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Read(connectionFile.FullName);
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        using var kernel = new KernelServer(connection, newSession);
        // interrupt_mode is "message", but a terminal's Ctrl+C (or a client that signals anyway) must
        // interrupt the cell, not kill the kernel.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            kernel.Interrupt();
        });
        using var orphanCheck = StopWhenParentExits(kernel);
        kernel.Stopped.GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>
    /// Jupyter's kernel manager sets JPY_PARENT_PID; if that process dies without shutting the kernel down
    /// (a crashed JupyterLab), the kernel stops instead of lingering.
    /// </summary>
    private static Timer? StopWhenParentExits(KernelServer kernel)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var parentId) || parentId <= 1)
            return null;
        return new Timer(_ =>
        {
            try
            {
                using var parent = System.Diagnostics.Process.GetProcessById(parentId);
                if (!parent.HasExited)
                    return;
            }
            catch (ArgumentException)
            {
                // No such process any more.
            }
            kernel.Dispose();
        }, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    private static Command CreateInstall()
    {
        var user = new Option<bool>("--user") { Description = "Install for the current user (the default): ~/.local/share/jupyter/kernels." };
        var sysPrefix = new Option<bool>("--sys-prefix") { Description = "Install into the active Python environment's share/jupyter/kernels." };
        var prefix = new Option<DirectoryInfo?>("--prefix") { Description = "Install into PREFIX/share/jupyter/kernels (then add PREFIX/share/jupyter to JUPYTER_PATH)." };
        var name = new Option<string>("--name") { Description = "The kernelspec name.", DefaultValueFactory = _ => KernelInfo.DefaultKernelName };
        var displayName = new Option<string>("--display-name") { Description = "The name kernel pickers show.", DefaultValueFactory = _ => KernelInfo.DisplayName };
        var command = new Command("install", "Register the CourseKit kernel with Jupyter so JupyterLab, VS Code and nbconvert can use it.");
        command.Options.Add(user);
        command.Options.Add(sysPrefix);
        command.Options.Add(prefix);
        command.Options.Add(name);
        command.Options.Add(displayName);
        command.SetAction(parse =>
        {
            int chosen = (parse.GetValue(user) ? 1 : 0) + (parse.GetValue(sysPrefix) ? 1 : 0) + (parse.GetValue(prefix) is null ? 0 : 1);
            if (chosen > 1)
            {
                Console.Error.WriteLine("Choose one of --user, --sys-prefix and --prefix DIR.");
                return 2;
            }
            try
            {
                var kernels = parse.GetValue(sysPrefix) ? KernelSpec.KernelsFolder(KernelSpecScope.SysPrefix)
                    : parse.GetValue(prefix) is { } dir ? KernelSpec.KernelsFolder(KernelSpecScope.Prefix, dir.FullName)
                    : KernelSpec.KernelsFolder(KernelSpecScope.User);
                var folder = KernelSpec.Install(kernels, parse.GetValue(name)!, KernelSpec.CurrentLauncher(), parse.GetValue(displayName)!);
                Console.WriteLine($"Installed kernelspec '{parse.GetValue(name)}' in {folder}");
                if (parse.GetValue(prefix) is { } p)
                    Console.WriteLine($"Jupyter finds it with: export JUPYTER_PATH={Path.Combine(p.FullName, "share", "jupyter")}");
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
