using CourseKit.Cli.Book;

namespace CourseKit.Tests.Book;

/// <summary>The search index shows a formula's TeX as text: symbols for commands, (a)/(b) for fractions, no braces.</summary>
public class TexTextTests
{
    [Theory]
    [InlineData(@"\text{dim}_\text{out} = \left\lfloor \frac{\text{dim}_\text{in} + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1",
        "dim_out = ⌊(dim_in + 2p - d (k-1) - 1)/s ⌋ + 1")]
    [InlineData(@"p_k = \frac{e^{z_k}}{\sum_j e^{z_j}}", "p_k = (e^(z_k))/(Σ_j e^(z_j))")]
    [InlineData(@"\hat\rho_j = \tfrac{1}{m}\sum_{i=1}^m h_j(x^{(i)})", "ρ̂_j = 1/m Σ_(i=1)^m h_j(x^(i))")]
    [InlineData(@"\mathrm{KL}(\rho\,\|\,\hat\rho) = \rho\log\frac{\rho}{\hat\rho}", "KL(ρ ‖ ρ̂) = ρ log ρ/ρ̂")]
    [InlineData(@"z = \mu + \sigma \odot \epsilon,\quad \epsilon \sim \mathcal{N}(0, I)", "z = μ + σ ⊙ ε, ε ~ N(0, I)")]
    [InlineData(@"\frac{\partial L}{\partial W} = x^\top \delta", "(∂ L)/(∂ W) = x^ᵀ δ")]
    [InlineData(@"\mathbb{E}_{q}[\log p(x \mid z)] \le \log p(x)", "𝔼_q[ log p(x | z)] ≤ log p(x)")]
    [InlineData(@"\sqrt{a^2 + b^2}", "√(a^2 + b^2)")]
    [InlineData(@"x_{ij} + x_{i+1}", "x_ij + x_(i+1)")]
    public void Formulas_read_as_text(string tex, string expected) => Assert.Equal(expected, TexText.Readable(tex));

    [Fact]
    public void Words_name_the_symbols_but_not_the_layout()
    {
        var words = TexText.Words(@"\left( \frac{\partial L}{\partial \sigma} \right) \cdot \mathbf{x}").ToList();
        Assert.Equal(["frac", "partial", "sigma", "cdot"], words);
    }

    [Fact]
    public void Unbalanced_tex_gives_what_it_can_and_never_throws()
    {
        Assert.Equal("a/", TexText.Readable(@"\frac{a"));
        Assert.Equal("x^", TexText.Readable("x^"));
        Assert.Equal("", TexText.Readable(@"\"));
    }
}
