namespace CourseKit.Grading.Assignments;

/// <summary>
/// Writes the Gradescope autograder bundle (autograder specification): <c>setup.sh</c> installs .NET and builds the kit,
/// <c>run_autograder</c> grades <c>/autograder/submission</c> into <c>/autograder/results/results.json</c>. The master copy
/// travels in the bundle; the hidden checks are compiled into the kit's A1.Checks assembly, which the sandboxed child cannot see.
/// </summary>
public static class AutograderBundle
{
    /// <summary>Writes the bundle folder and returns its path. <paramref name="kitSource"/> is the kit's repository root, copied as source/kit.</summary>
    public static string Write(AssignmentDefinition assignment, MasterCopy master, string outDirectory, string kitSource)
    {
        string bundle = Directory.CreateDirectory(Path.Combine(outDirectory, assignment.Id + "-autograder")).FullName;
        master.Write(Path.Combine(bundle, "master.json"));
        File.WriteAllText(Path.Combine(bundle, "setup.sh"), SetupScript);
        File.WriteAllText(Path.Combine(bundle, "run_autograder"), RunScript(assignment));
        if (!OperatingSystem.IsWindows())
            foreach (string script in new[] { "setup.sh", "run_autograder" })
                File.SetUnixFileMode(Path.Combine(bundle, script), (UnixFileMode)0b111_101_101);
        CopyKit(kitSource, Path.Combine(bundle, "kit"));
        return bundle;
    }

    // Both scripts take the autograder folder from AUTOGRADER_ROOT (default /autograder), so the bundle can be proven
    // end to end in a scratch layout; on Gradescope nothing is set and they use /autograder.
    private const string SetupScript = """
        #!/usr/bin/env bash
        # Gradescope runs this once when the autograder image is built (Ubuntu, as root).
        set -euo pipefail
        root="${AUTOGRADER_ROOT:-/autograder}"
        if ! command -v unshare >/dev/null || ! command -v wget >/dev/null; then
          apt-get update
          apt-get install -y util-linux wget ca-certificates
        fi
        if ! command -v dotnet >/dev/null; then
          wget -q https://dot.net/v1/dotnet-install.sh -O /tmp/dotnet-install.sh
          bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet
          ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet
        fi
        cd "$root/source/kit"
        dotnet build src/CourseKit.Cli -c Release
        # Checks load their datasets (A1's Fashion-MNIST) in the grading parent through the kit's locator: fetch and
        # verify them into the kit's data/ folder now, while the image build has internet.
        dotnet src/CourseKit.Cli/bin/Release/net10.0/CourseKit.Cli.dll data download --to "$root/source/kit/data"
        # The grader hides the sources from student code; keep them private to root as well.
        chmod -R go-rwx "$root/source"
        chmod -R go+rX "$root/source/kit/src/CourseKit.Cli/bin"
        """;

    private static string RunScript(AssignmentDefinition assignment) => $$"""
        #!/usr/bin/env bash
        # Gradescope's entry point: grade /autograder/submission, write /autograder/results/results.json.
        # Student code runs only in a sandboxed child process; this script never reads its output.
        set -uo pipefail
        root="${AUTOGRADER_ROOT:-/autograder}"
        cd "$root/source/kit"
        dotnet src/CourseKit.Cli/bin/Release/net10.0/CourseKit.Cli.dll grade "$root/submission" \
          --assignment {{assignment.Id}} --single --master "$root/source/master.json" \
          --assignments "$root/source/kit/assignments" --out "$root/results"
        """;

    private static void CopyKit(string source, string target)
    {
        foreach (string folder in new[] { "src", "assignments" })
            CopyFolder(Path.Combine(source, folder), Path.Combine(target, folder));
        // data/manifest.sha256 is compiled into CourseKit (the checksums datasets are verified against).
        foreach (string file in new[] { "CourseKit.sln", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "data/manifest.sha256" })
        {
            if (!File.Exists(Path.Combine(source, file))) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, file))!);
            File.Copy(Path.Combine(source, file), Path.Combine(target, file), overwrite: true);
        }
    }

    private static void CopyFolder(string source, string target)
    {
        if (!Directory.Exists(source)) return;
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
