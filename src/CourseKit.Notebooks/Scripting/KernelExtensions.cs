using CourseKit.Notebooks.Execution;
using CourseKit.Visualization;

namespace CourseKit.Notebooks.Scripting;

/// <summary>The kernel's extension methods, imported into every cell: <c>x.Display()</c> and <c>"…".DisplayAs(mime)</c>.</summary>
public static class KernelExtensions
{
    /// <summary>Shows <paramref name="value"/> and returns a handle to update it.</summary>
    public static DisplayHandle Display(this object? value, params string[] mimeTypes) => DisplayHandle.Show(value, mimeTypes);

    /// <summary>Shows a string as the given mime type, e.g. <c>"&lt;b&gt;hi&lt;/b&gt;".DisplayAs("text/html")</c>.</summary>
    public static DisplayHandle DisplayAs(this string value, string mimeType) => DisplayHandle.Show(value, mimeType);
}
