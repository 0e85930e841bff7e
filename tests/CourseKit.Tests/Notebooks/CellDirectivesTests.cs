using CourseKit.Notebooks.Execution;

namespace CourseKit.Tests.Notebooks;

public class CellDirectivesTests
{
    [Fact]
    public void Kernel_commands_are_read_and_blanked_keeping_line_numbers()
    {
        var cell = CellDirectives.Parse("#!csharp\n#!time\n#i \"nuget: ../artifacts/packages\"\n#r \"nuget: CourseKit, 0.1.0\"\n#r \"nuget:Plotly.NET\"\n#r \"lib/My.dll\"\nvar x = 1;\n#region keep\n#endregion");
        Assert.False(cell.IsMarkdown);
        Assert.True(cell.Time);
        Assert.Equal(["../artifacts/packages"], cell.PackageSources);
        Assert.Equal([new PackageReference("CourseKit", "0.1.0", 4), new PackageReference("Plotly.NET", null, 5)], cell.Packages);
        Assert.Equal([("lib/My.dll", 6)], cell.AssemblyPaths);
        Assert.Equal("\n\n\n\n\n\nvar x = 1;\n#region keep\n#endregion", cell.Code);
        Assert.Null(cell.Unsupported);
    }

    [Fact]
    public void Markdown_cells_and_other_kernels()
    {
        Assert.True(CellDirectives.Parse("\n#!markdown\n# Title").IsMarkdown);
        var mixed = CellDirectives.Parse("var a = 1;\n#!markdown\nsome *text*\n#!csharp\nvar b = 2;");
        Assert.False(mixed.IsMarkdown);
        Assert.Equal("var a = 1;\n\n\n\nvar b = 2;", mixed.Code);
        Assert.Equal(("#!pwsh", 2), CellDirectives.Parse("var a = 1;\n#!pwsh\nGet-Date").Unsupported);
    }
}
