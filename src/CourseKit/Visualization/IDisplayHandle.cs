namespace CourseKit.Visualization;

/// <summary>
/// A displayed value that can be replaced in place (the way a notebook shows live training progress).
/// Returned by <c>display(x)</c> in the kit's engine and by <see cref="Output.Display"/>.
/// </summary>
public interface IDisplayHandle
{
    /// <summary>Replaces what this display shows with <paramref name="value"/>.</summary>
    void Update(object value);
}
