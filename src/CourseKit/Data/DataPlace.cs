using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>
/// One place where dataset files may be. A general place holds one folder per dataset
/// (<c>&lt;Directory&gt;/mnist/…</c>); a place for one dataset only (<paramref name="OnlyFor"/>) holds its files directly.
/// </summary>
/// <param name="Description">How the place is named in messages, e.g. "data/ in the repository".</param>
/// <param name="Directory">The folder, or null when the place is not available (e.g. an unset variable).</param>
/// <param name="OnlyFor">The dataset folder name this place serves alone, e.g. "fashion-mnist"; null for all.</param>
public sealed record DataPlace(string Description, string? Directory, string? OnlyFor = null)
{
    /// <summary>The folder where <paramref name="dataset"/>'s files would be here, or null if this place does not serve it.</summary>
    public string? DirectoryFor(string dataset)
    {
        if (Directory is null) return null;
        if (OnlyFor is null) return Path.Combine(Directory, dataset);
        return OnlyFor == dataset ? Directory : null;
    }
}
