using System.Text;
using System.Text.RegularExpressions;

namespace CourseKit.Cli.Book;

/// <summary>
/// A formula's TeX as text a reader can scan, for the search results and page summaries, where KaTeX does not run:
/// <c>\left\lfloor \frac{\text{dim}_\text{in} + 2p}{s} \right\rfloor</c> reads "⌊(dim_in + 2p)/s⌋". Greek letters and
/// operators become their symbols; fonts, sizes and spacing commands are dropped; a fraction becomes (a)/(b).
/// </summary>
internal static partial class TexText
{
    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε",
        ["zeta"] = "ζ", ["eta"] = "η", ["theta"] = "θ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ",
        ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["phi"] = "φ",
        ["varphi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ",
        ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Pi"] = "Π", ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
        ["partial"] = "∂", ["nabla"] = "∇", ["sum"] = "Σ", ["prod"] = "∏", ["int"] = "∫", ["infty"] = "∞",
        ["times"] = "×", ["cdot"] = "·", ["odot"] = "⊙", ["otimes"] = "⊗", ["circ"] = "∘", ["pm"] = "±",
        ["le"] = "≤", ["leq"] = "≤", ["ge"] = "≥", ["geq"] = "≥", ["ne"] = "≠", ["neq"] = "≠", ["approx"] = "≈",
        ["sim"] = "~", ["propto"] = "∝", ["equiv"] = "≡", ["in"] = "∈", ["notin"] = "∉", ["subset"] = "⊂",
        ["to"] = "→", ["rightarrow"] = "→", ["leftarrow"] = "←", ["Rightarrow"] = "⇒", ["mapsto"] = "↦",
        ["mid"] = "|", ["lVert"] = "‖", ["rVert"] = "‖", ["Vert"] = "‖", ["|"] = "‖", ["lvert"] = "|", ["rvert"] = "|",
        ["cap"] = "∩", ["cup"] = "∪", ["setminus"] = "∖", ["iff"] = "⇔", ["ll"] = "≪", ["gg"] = "≫",
        ["lfloor"] = "⌊", ["rfloor"] = "⌋", ["lceil"] = "⌈", ["rceil"] = "⌉", ["langle"] = "⟨", ["rangle"] = "⟩",
        ["top"] = "ᵀ", ["ell"] = "ℓ", ["dots"] = "…", ["ldots"] = "…", ["cdots"] = "⋯", ["forall"] = "∀", ["exists"] = "∃",
        ["{"] = "{", ["}"] = "}", ["%"] = "%", ["_"] = "_", ["&"] = "&", ["#"] = "#", ["$"] = "$",
    };

    // Symbols that stand between two terms (relations, binary operators): written with a space on each side. The large
    // operators Σ, ∏ and ∫ get one before them, so that their limits stay attached (Σ_(i=1)^m).
    private static readonly HashSet<string> LargeOperators = ["sum", "prod", "int"];

    private static readonly HashSet<string> Spaced =
    [
        "times", "cdot", "odot", "otimes", "pm", "le", "leq", "ge", "geq", "ne", "neq", "approx", "sim",
        "propto", "equiv", "in", "notin", "subset", "cap", "cup", "setminus", "iff", "ll", "gg", "to", "rightarrow",
        "leftarrow", "Rightarrow", "mapsto",
    ];

    // Commands that only change the look (size, font of one letter, spacing): dropped, their argument kept.
    private static readonly HashSet<string> Invisible =
    [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "displaystyle",
        "textstyle", "limits", "nolimits", ",", ";", ":", "!", " ", "quad", "qquad", "mathbf", "mathrm", "mathit",
        "mathsf", "mathcal", "boldsymbol", "bm", "text", "textrm", "textbf", "textit", "operatorname", "underbrace",
        "overbrace", "underset", "overset", "mathop", "mathrel", "mathbin", "mathord",
    ];

    private static readonly Dictionary<string, string> Accents = new()
    {
        ["hat"] = "\u0302", ["widehat"] = "\u0302", ["bar"] = "\u0304", ["overline"] = "\u0304", ["tilde"] = "\u0303",
        ["widetilde"] = "\u0303", ["dot"] = "\u0307", ["vec"] = "\u20D7",
    };

    private static readonly Dictionary<string, string> Blackboard = new() { ["R"] = "ℝ", ["E"] = "𝔼", ["N"] = "ℕ", ["Z"] = "ℤ", ["P"] = "ℙ" };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\\([A-Za-z]+)")]
    private static partial Regex Command();

    /// <summary><paramref name="tex"/> as plain text with the symbols it stands for.</summary>
    public static string Readable(string tex) => Spaces().Replace(new Reader(tex).Group(stopAtBrace: false), " ").Trim();

    /// <summary>
    /// The names of the Greek letters and operators in <paramref name="tex"/> ("sigma", "partial", "frac"), so that a search
    /// for the word finds the formula that shows its symbol.
    /// </summary>
    public static IEnumerable<string> Words(string tex) =>
        Command().Matches(tex).Select(m => m.Groups[1].Value).Where(name => !Invisible.Contains(name)).Distinct();

    /// <summary>A one-pass reader of TeX: commands, groups, sub- and superscripts.</summary>
    private sealed class Reader(string tex)
    {
        private int at;

        /// <summary>Reads up to the closing brace of the current group (or to the end) and returns it as text.</summary>
        public string Group(bool stopAtBrace)
        {
            var text = new StringBuilder();
            while (at < tex.Length)
            {
                char c = tex[at++];
                switch (c)
                {
                    case '}' when stopAtBrace: return text.ToString();
                    case '{': text.Append(Group(stopAtBrace: true)); break;
                    case '\\': text.Append(CommandText()); break;
                    case '^' or '_': text.Append(c).Append(Script()); break;
                    case '&' or '~': text.Append(' '); break;
                    default: text.Append(c); break;
                }
            }
            return text.ToString();
        }

        // After \: a word (\sigma), or one symbol (\, \{ \\).
        private string CommandText()
        {
            if (at >= tex.Length) return "";
            int start = at;
            if (char.IsAsciiLetter(tex[at])) while (at < tex.Length && char.IsAsciiLetter(tex[at])) at++;
            else at++;
            string name = tex[start..at];
            if (name is "lfloor" or "lceil" or "langle") SkipSpaces();   // ⌊(a+b)/c⌋, not ⌊ (a+b)/c⌋
            if (name == "\\") return "; ";
            if (name is "frac" or "tfrac" or "dfrac") return Parenthesised(Argument()) + "/" + Parenthesised(Argument());
            if (name == "sqrt") return "√" + Parenthesised(Argument());
            if (name == "mathbb") return Argument() is var letter && Blackboard.TryGetValue(letter, out var symbol) ? symbol : letter;
            if (name is "begin" or "end") { Argument(); return " "; }
            if (Accents.TryGetValue(name, out var accent)) return Argument() + accent;
            if (Symbols.TryGetValue(name, out var shown))
                return Spaced.Contains(name) ? $" {shown} " : LargeOperators.Contains(name) ? $" {shown}" : shown;
            if (Invisible.Contains(name)) return char.IsAsciiLetter(name[0]) ? "" : " ";   // \mathrm drops, \, is a space
            return $" {name} ";   // \log, \max, \exp, \tanh …: the function's name, a word of its own
        }

        private void SkipSpaces()
        {
            while (at < tex.Length && tex[at] == ' ') at++;
        }

        // A command's argument: a {group}, else the next non-space character.
        private string Argument()
        {
            SkipSpaces();
            if (at >= tex.Length) return "";
            char c = tex[at++];
            return c switch
            {
                '{' => Group(stopAtBrace: true),
                '\\' => CommandText(),
                _ => c.ToString(),
            };
        }

        // x^{2} is x^2, x_{ij} is x_ij, \text{dim}_\text{in} is dim_in, x^{(i)} is x^(i), x_{i+1} is x_(i+1).
        private string Script()
        {
            string script = Argument();
            return script.Length <= 1 || IsWord(script) ? script : Parenthesised(script);
        }

        // Letters and digits, with their accents (ρ̂ is ρ and a combining circumflex).
        private static bool IsWord(string text) =>
            text.All(c => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark);

        // A fraction's part or a script in parentheses, unless it is one symbol, a word or already in them.
        private static string Parenthesised(string group)
        {
            string text = group.Trim();
            bool bare = text.Length <= 1 || IsWord(text) || (text[0] == '(' && text[^1] == ')' && text.IndexOf(')') == text.Length - 1);
            return bare ? text : "(" + text + ")";
        }
    }
}
