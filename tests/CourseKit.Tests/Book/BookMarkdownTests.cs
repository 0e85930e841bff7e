using System.Text.RegularExpressions;
using CourseKit.Cli.Book;
using CourseKit.Notebooks.Model;
using NotebookCli = CourseKit.Tests.Notebooks.Cli;

namespace CourseKit.Tests.Book;

/// <summary>What the website's search index holds of a notebook's prose: its text, with every formula read as text.</summary>
public partial class BookMarkdownTests
{
    [Fact]
    public void A_formula_that_wraps_onto_the_next_line_is_still_one_formula()
    {
        string prose = "draw $x_i \\sim\n\\text{Bernoulli}(\\sigma(\\ell_i))$ and write it in.";
        Assert.Equal("draw x_i ~ Bernoulli(σ(ℓ_i)) and write it in.", BookMarkdown.ToPlainText(prose).Trim());
        Assert.Equal(["sim", "sigma", "ell"], BookMarkdown.FormulaWords(prose));
        Assert.Contains("<span class=\"math\">\\(x_i \\sim\n\\text{Bernoulli}(\\sigma(\\ell_i))\\)</span>", BookMarkdown.ToHtml(prose));
    }

    [Theory]
    [InlineData("It costs $5 and $6 to run.")]                  // money: a dollar followed by a digit closes nothing
    [InlineData("A price of $a\n\nand a second paragraph b$.")]  // a formula never crosses a blank line
    [InlineData("Code `$x$` is code.")]
    public void Dollars_that_are_not_a_formula_stay_text(string prose)
    {
        Assert.Empty(BookMarkdown.FormulaWords(prose + " \\sigma"));
        Assert.DoesNotContain("class=\"math\"", BookMarkdown.ToHtml(prose));
    }

    [Fact]
    public void No_lecture_or_assignment_leaves_tex_in_the_search_text()
    {
        var root = NotebookCli.RepositoryRoot();
        var notebooks = Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb")
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "assignments"), "source.ipynb", SearchOption.AllDirectories)).ToList();
        Assert.True(notebooks.Count >= 12, $"found only {notebooks.Count} notebooks");
        var left = new List<string>();
        int formulas = 0;
        foreach (var path in notebooks)
            foreach (var cell in NotebookFile.Read(path).Cells.Where(c => c.CellType == "markdown"))
            {
                formulas += BookMarkdown.FormulaWords(cell.Source).Count();
                string text = CodeSpan().Replace(BookMarkdown.ToPlainText(cell.Source), "");
                left.AddRange(TexCommand().Matches(text).Select(m => $"{Path.GetFileName(path)} {cell.Id}: …{m.Value}…"));
            }
        Assert.True(formulas > 1000, $"only {formulas} symbol names found: the formulas were not read");
        Assert.True(left.Count == 0, string.Join("\n", left));
    }

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@".{0,40}\\[A-Za-z]{2,}.{0,40}")]
    private static partial Regex TexCommand();
}
