using CourseKit.Kernel.Export;
using CourseKit.Notebooks.Model;

namespace CourseKit.Tests.Kernel;

/// <summary>Notebook → C# file-based app, and the app run with `dotnet run app.cs`.</summary>
public sealed class FileAppExportTests
{
    // A 1×1 PNG (one opaque pixel), as bytes a display writes.
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static Notebook TinyLecture() => NotebookFile.NewPolyglot(
        Cell.Markdown("# Tiny lecture\n\nTwo displays and a result."),
        Cell.Code("#i \"nuget: ../artifacts/packages\"\n#r \"nuget: CourseKit, 0.1.0\""),
        Cell.Code("using CourseKit.Visualization;\nvar x = 2;\ndisplay(RichOutput.Html(\"<b>bold</b>\", \"bold\"));"),
        Cell.Code("var x = 21;\nrecord Point(int X, int Y);\nnew Point(x, x).X * 2"),
        Cell.Code($"var picture = display(RichOutput.Html(\"<i>first</i>\", \"first\"));\npicture.Update(RichOutput.Png(Convert.FromBase64String(\"{OnePixelPng}\"), \"pixel\"));\nConsole.WriteLine($\"x is {{x}}\");"));

    [Fact]
    public void Export_hoists_usings_moves_types_last_displays_the_trailing_expression_and_renames_redeclared_variables()
    {
        var app = FileAppExporter.Export(TinyLecture(), "tiny.ipynb", "/repo/notebooks/tiny.cs", "/repo/src/CourseKit/CourseKit.csproj");
        var lines = app.Source.Split('\n');

        Assert.Contains("#:project ../src/CourseKit/CourseKit.csproj", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("#r") || l.StartsWith("#i"));
        Assert.Contains("// # Tiny lecture", lines);
        Assert.True(Array.IndexOf(lines, "using CourseKit.Visualization;") < Array.FindIndex(lines, l => l.StartsWith("FileDisplay.Install")));
        Assert.Contains("var x_2 = 21;", lines);
        Assert.Contains("display(new Point(x_2, x_2).X * 2);", lines);
        Assert.Contains("Console.WriteLine($\"x is {x_2}\");", lines);
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("record Point")) > Array.FindIndex(lines, l => l.StartsWith("Console.WriteLine")));
        Assert.Contains(app.Notes, n => n.Contains("'x'") && n.Contains("x_2"));
    }

    [Fact]
    public void A_trailing_Show_call_stays_a_statement_because_it_shows_and_returns_nothing()
    {
        var notebook = NotebookFile.NewPolyglot(
            Cell.Code("#r \"nuget: CourseKit, 0.1.0\""),
            Cell.Code("var m = torch.eye(2);\nPictures.ShowMatrix(m, \"I\")"),
            Cell.Code("ShowLocal(3)"),
            Cell.Code("Pictures.Matrix(m, \"I\")"));
        var lines = FileAppExporter.Export(notebook, "s.ipynb", "/r/s.cs", "/r/src/CourseKit/CourseKit.csproj").Source.Split('\n');
        Assert.Contains("Pictures.ShowMatrix(m, \"I\");", lines);
        Assert.Contains("ShowLocal(3);", lines);
        Assert.Contains("display(Pictures.Matrix(m, \"I\"));", lines);   // a value is still displayed
    }

    [Fact]
    public void Other_nuget_references_become_package_directives()
    {
        var notebook = NotebookFile.NewPolyglot(Cell.Code("#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: CourseKit, 0.1.0\"\nvar y = 1;"));
        var app = FileAppExporter.Export(notebook, "p.ipynb", "/r/p.cs", "/r/src/CourseKit/CourseKit.csproj");
        Assert.Contains("#:package Plotly.NET@6.0.0", app.Source.Split('\n'));
        Assert.DoesNotContain("CourseKit@", app.Source);
    }

    [Fact]
    public void The_exported_app_runs_with_dotnet_run_and_writes_its_displays_beside_it()
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-export-").FullName;
        try
        {
            var appPath = Path.Combine(folder, "tiny.cs");
            var kit = FileAppExporter.FindKitProject(AppContext.BaseDirectory);
            File.WriteAllText(appPath, FileAppExporter.Export(TinyLecture(), "tiny.ipynb", appPath, kit).Source);

            var (code, stdout, stderr) = ReferenceJupyter.Run("dotnet", ["run", appPath], TimeSpan.FromMinutes(8),
                new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
            Assert.True(code == 0, $"dotnet run failed ({code}):\n{stdout}\n{stderr}");

            var output = Path.Combine(folder, "tiny.output");
            Assert.Contains("<b>bold</b>", File.ReadAllText(Path.Combine(output, "001-display.html")));
            Assert.Contains("42", stdout.Split('\n').Select(l => l.Trim()));
            Assert.Contains("x is 21", stdout);
            // Display 2 is the trailing 42 (printed); display 3 ends as the picture it was updated to.
            Assert.Equal(Convert.FromBase64String(OnePixelPng), File.ReadAllBytes(Path.Combine(output, "003-display.png")));
            Assert.False(File.Exists(Path.Combine(output, "003-display.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The lecture CI runs as a file-based app (the first one: pictures, tables, no training).</summary>
    public const string ExportedLecture = "01-images-and-filtering.ipynb";

    [Fact]
    public void Lecture_01_exported_as_a_file_based_app_runs_with_dotnet_run_and_writes_its_pictures()
    {
        var root = JupyterNotebooks.RepositoryRoot();
        var notebook = Path.Combine(root, "notebooks", ExportedLecture);
        Assert.True(File.Exists(notebook), $"{notebook} is missing: the lecture CI exports must be in notebooks/.");
        var appPath = Path.Combine(root, "out", "apps", Path.ChangeExtension(ExportedLecture, ".cs"));
        Directory.CreateDirectory(Path.GetDirectoryName(appPath)!);
        var app = FileAppExporter.Export(NotebookFile.Read(notebook), ExportedLecture, appPath, FileAppExporter.FindKitProject(root));
        File.WriteAllText(appPath, app.Source);

        var (code, stdout, stderr) = ReferenceJupyter.Run("dotnet", ["run", appPath], TimeSpan.FromMinutes(10),
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        Assert.True(code == 0, $"dotnet run {appPath} failed ({code}):\n{stdout}\n{stderr}");

        var pictures = Directory.GetFiles(Path.ChangeExtension(appPath, ".output"), "*-display.png");
        var pngCount = NotebookFile.Read(notebook).Cells.Count(c => c.IsCode && c.Source.Contains("ShowImages"));
        Assert.True(pictures.Length >= pngCount, $"{pictures.Length} pictures written; the lecture shows {pngCount}.");
        Assert.All(pictures, p => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(p)[..4]));
    }
}
