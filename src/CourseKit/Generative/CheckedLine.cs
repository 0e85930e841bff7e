namespace CourseKit.Generative;

/// <summary>One line of a derivation with both sides evaluated.</summary>
/// <param name="Equation">The line, as the lecture writes it.</param>
/// <param name="Left">Its left-hand side, evaluated.</param>
/// <param name="Right">Its right-hand side, evaluated independently.</param>
/// <param name="Relation">"=" or "≥".</param>
public sealed record CheckedLine(string Equation, double Left, double Right, string Relation = "=")
{
    /// <summary>Whether the relation holds within <paramref name="tolerance"/>.</summary>
    public bool Holds(double tolerance = 1e-6) =>
        Relation == "=" ? Math.Abs(Left - Right) <= tolerance * Math.Max(1, Math.Abs(Left)) : Left >= Right - tolerance;
}
