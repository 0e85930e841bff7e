using CourseKit.Visualization;

namespace CourseKit.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls <paramref name="report"/> at once, on the reporting thread
/// (<see cref="Progress{T}"/> posts to the thread pool, so its lines can come late or out of order).
/// </summary>
/// <typeparam name="T">What is reported.</typeparam>
public sealed class ProgressCallback<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
