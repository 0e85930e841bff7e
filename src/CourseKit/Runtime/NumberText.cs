using System.Globalization;

namespace CourseKit.Runtime;

/// <summary>
/// Writes an error or a tolerance the way people write them: <c>0</c>, <c>3.1e-07</c>, <c>1e-12</c>
/// (culture-independent). The notebooks' comparisons (<c>Agreement.Check</c>) and self-checks use it, so errors read
/// alike everywhere.
/// </summary>
/// <example>
/// <code>
/// Console.WriteLine(NumberText.Scientific(3.14159e-7));   // 3.14e-07
/// Console.WriteLine(NumberText.Scientific(0));            // 0
/// </code>
/// </example>
public static class NumberText
{
    /// <summary><paramref name="value"/> with up to three significant digits in scientific notation; 0 as "0".</summary>
    public static string Scientific(double value) =>
        value == 0 ? "0" : value.ToString("0.##e+00", CultureInfo.InvariantCulture);
}
