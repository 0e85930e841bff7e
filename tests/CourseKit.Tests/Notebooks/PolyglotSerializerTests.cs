using System.Text;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Tests.Notebooks;

/// <summary>
/// The committed notebooks are saved exactly as Polyglot Notebooks saves them: .NET Interactive's own serializer
/// (Microsoft.DotNet.Interactive.Documents) reads and writes each one to the same bytes; `coursekit notebook normalize`
/// makes any other notebook so.
/// </summary>
public class PolyglotSerializerTests
{
    public static TheoryData<string> CourseNotebooks() => NotebookSuiteTests.Notebooks();

    [Theory]
    [MemberData(nameof(CourseNotebooks))]
    public void Committed_notebook_is_byte_identical_to_what_the_polyglot_serializer_writes(string notebook)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Cli.RepositoryRoot(), notebook));
        var written = PolyglotSerializer.Normalize(bytes);
        Assert.True(written.AsSpan().SequenceEqual(bytes),
            $"{notebook} is not what Polyglot Notebooks saves ({bytes.Length} bytes, the serializer writes {written.Length}); " +
            $"run `coursekit notebook normalize {notebook}`.");
    }

    [Fact]
    public void Normalize_command_rewrites_a_hand_edited_notebook_and_check_reports_it()
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-normalize-").FullName;
        try
        {
            // Keys in another order, two-space indent, a final newline: valid nbformat, not what Polyglot saves.
            var path = Path.Combine(folder, "edited.ipynb");
            File.WriteAllText(path, """
                {
                  "nbformat": 4, "nbformat_minor": 5,
                  "metadata": {
                    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
                    "language_info": {"name": "polyglot-notebook"},
                    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}
                  },
                  "cells": [
                    {"id": "a1", "cell_type": "code", "outputs": [], "execution_count": null, "source": ["var x = 6 * 7;\n", "x"],
                     "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}}
                  ]
                }

                """);
            var (check, stdout, _) = Cli.Run(TimeSpan.FromMinutes(1), "notebook", "normalize", "--check", path);
            Assert.Equal(1, check);
            Assert.Contains("differs from what Polyglot Notebooks saves", stdout);

            var (normalize, _, stderr) = Cli.Run(TimeSpan.FromMinutes(1), "notebook", "normalize", path);
            Assert.True(normalize == 0, stderr);
            var text = File.ReadAllText(path, Encoding.UTF8);
            Assert.StartsWith("{\n \"cells\": [", text.Replace("\r\n", "\n"));
            Assert.Contains("\"source\": [\n    \"var x = 6 * 7;\\n\",\n    \"x\"\n   ]", text.Replace("\r\n", "\n"));
            Assert.EndsWith("}", text);
            NbFormat.AssertValid(path);

            var (again, _, _) = Cli.Run(TimeSpan.FromMinutes(1), "notebook", "normalize", "--check", path);
            Assert.Equal(0, again);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
