using CourseKit.Notebooks.Execution;
using CourseKit.Visualization;

namespace CourseKit.Notebooks.Scripting;

/// <summary>
/// What <c>display(x)</c>, <c>x.Display()</c> and <c>DisplayAs</c> return: a handle whose <see cref="Update"/>
/// replaces the displayed value in place (an <c>update_display_data</c> output with the same display id).
/// </summary>
public sealed class DisplayHandle : IDisplayHandle
{
    private readonly string[] mimeTypes;

    internal DisplayHandle(string displayId, string[] mimeTypes)
    {
        DisplayId = displayId;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>The Jupyter display id shared by the display and its updates.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces what this display shows.</summary>
    public void Update(object value) =>
        CellContext.Write(new UpdateDisplayDataOutput(Formatter.ToMimeBundle(value, mimeTypes), DisplayId));

    /// <summary>Shows a value as a new display and returns its handle.</summary>
    internal static DisplayHandle Show(object? value, params string[] mimeTypes)
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"), mimeTypes);
        CellContext.Write(new DisplayDataOutput(Formatter.ToMimeBundle(value, mimeTypes), handle.DisplayId));
        return handle;
    }
}

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

/// <summary>The kernel's extension methods, imported into every cell: <c>x.Display()</c> and <c>"…".DisplayAs(mime)</c>.</summary>
public static class KernelExtensions
{
    /// <summary>Shows <paramref name="value"/> and returns a handle to update it.</summary>
    public static DisplayHandle Display(this object? value, params string[] mimeTypes) => DisplayHandle.Show(value, mimeTypes);

    /// <summary>Shows a string as the given mime type, e.g. <c>"&lt;b&gt;hi&lt;/b&gt;".DisplayAs("text/html")</c>.</summary>
    public static DisplayHandle DisplayAs(this string value, string mimeType) => DisplayHandle.Show(value, mimeType);
}
