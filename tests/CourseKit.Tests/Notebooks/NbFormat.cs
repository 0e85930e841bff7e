using System.Diagnostics;

namespace CourseKit.Tests.Notebooks;

/// <summary>Validates a notebook with Debian's python3-nbformat, the reference implementation.</summary>
internal static class NbFormat
{
    private const string Script = "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))";

    /// <summary>The Python that has nbformat: Debian's /usr/bin/python3 first (a pyenv python3 on PATH may lack it).</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static void AssertValid(string path)
    {
        var (code, output) = RunPython(Script, path);
        if (code != 0 && output.Contains("No module named 'nbformat'"))
            Assert.Fail("python3-nbformat is not installed; install it with `apt-get install -y python3-nbformat` (.ci/run does).");
        Assert.True(code == 0, $"{path} does not validate under nbformat:\n{output}");
    }

    private static (int Code, string Output) RunPython(string script, string argument)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"python3 is not installed ({e.Message}); install python3 and python3-nbformat (.ci/run does).");
            throw;
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
