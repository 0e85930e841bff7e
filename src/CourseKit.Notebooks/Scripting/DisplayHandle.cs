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
