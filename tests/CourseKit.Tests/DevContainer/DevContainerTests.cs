using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookCli = CourseKit.Tests.Notebooks.Cli;

namespace CourseKit.Tests.DevContainer;

/// <summary>
/// The one-click start (.devcontainer/): the definition is strict JSON that names exact versions of its image, features
/// and VS Code extensions, and its post-create command succeeds on this Debian 12 machine (as root; with HOME pointed
/// at a fresh folder so the machine's own user is not changed), registering both kernels with Jupyter.
/// </summary>
public partial class DevContainerTests
{
    private static string Folder => Path.Combine(NotebookCli.RepositoryRoot(), ".devcontainer");

    [Fact]
    public void Definition_is_valid_json_with_pinned_versions()
    {
        // Strict JSON (no comments, no trailing commas), so any JSON tool reads it, not only the Dev Containers CLI.
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "devcontainer.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false })!.AsObject();

        var image = (string?)definition["image"];
        Assert.NotNull(image);
        Assert.Matches(PinnedImage(), image!);

        foreach (var feature in definition["features"]?.AsObject() ?? [])
            Assert.Matches(PinnedFeature(), feature.Key);

        var extensions = definition["customizations"]?["vscode"]?["extensions"]?.AsArray().Select(e => (string)e!).ToList() ?? [];
        foreach (var id in new[] { "ms-dotnettools.dotnet-interactive-vscode", "ms-dotnettools.csdevkit", "ms-toolsai.jupyter" })
            Assert.Contains(extensions, e => e.StartsWith(id + "@", StringComparison.Ordinal));
        Assert.All(extensions, e => Assert.Matches(PinnedExtension(), e));

        var postCreate = (string?)definition["postCreateCommand"];
        Assert.Equal("bash .devcontainer/post-create.sh", postCreate);
        Assert.True(File.Exists(Path.Combine(Folder, "post-create.sh")));
    }

    [Fact]
    public void Post_create_command_succeeds_and_registers_both_kernels()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get")) return; // the dev container is Debian/Ubuntu
        var home = Directory.CreateTempSubdirectory("coursekit-post-create-home-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash", [Path.Combine(Folder, "post-create.sh")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = NotebookCli.RepositoryRoot(),
            };
            start.Environment["HOME"] = home;
            start.Environment.Remove("JUPYTER_DATA_DIR");
            start.Environment.Remove("JUPYTER_PATH");
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"post-create.sh did not finish in 15 minutes:\n{stdout.Result}\n{stderr.Result}");
            }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"post-create.sh failed (exit {process.ExitCode}) after {clock.Elapsed.TotalSeconds:F0} s:\n{stdout.Result}\n{stderr.Result}");

            var kernels = Path.Combine(home, ".local", "share", "jupyter", "kernels");
            var kit = Directory.EnumerateDirectories(kernels).Select(Path.GetFileName).ToList();
            Assert.Contains(".net-csharp", kit);
            Assert.Contains(kit, k => k!.Contains("coursekit", StringComparison.OrdinalIgnoreCase));
            // The real kernel's spec starts the tool from .tools/, not a global `dotnet interactive` that is not installed.
            var real = JsonNode.Parse(File.ReadAllText(Path.Combine(kernels, ".net-csharp", "kernel.json")))!["argv"]!.AsArray();
            Assert.EndsWith(Path.Combine(".tools", "dotnet-interactive", "dotnet-interactive"), (string)real[0]!);
            Assert.True(File.Exists((string)real[0]!));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    // An exact image version: mcr.microsoft.com/devcontainers/dotnet:2.3.2-10.0-noble (or a digest).
    [GeneratedRegex(@"^[\w./-]+(:\d+\.\d+\.\d+-[\w.-]+|@sha256:[0-9a-f]{64})$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex(@"^[\w./-]+:\d+\.\d+\.\d+$")]
    private static partial Regex PinnedFeature();

    [GeneratedRegex(@"^[\w-]+\.[\w-]+@\d+\.\d+\.\d+$")]
    private static partial Regex PinnedExtension();
}
