using CourseKit.Notebooks.Execution;
using CourseKit.Visualization;

namespace CourseKit.Notebooks.Scripting;

/// <summary>
/// The globals a cell sees, as in the Polyglot C# kernel: <c>display(x)</c> shows a value and returns a
/// handle with <c>Update(x)</c>.
/// </summary>
public class KernelGlobals
{
    /// <summary>Shows <paramref name="value"/> (optionally only as the given mime types) and returns a handle to update it.</summary>
#pragma warning disable IDE1006 // lower-case, as the Polyglot kernel spells it
    public DisplayHandle display(object? value, params string[] mimeTypes) => DisplayHandle.Show(value, mimeTypes);
#pragma warning restore IDE1006
}
