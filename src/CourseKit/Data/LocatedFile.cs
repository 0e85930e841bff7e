using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>Where a dataset file was found.</summary>
/// <param name="Path">The file (raw or .gz).</param>
/// <param name="Place">The place it was found in.</param>
/// <param name="ManifestName">Its manifest name, e.g. <c>mnist/train-images-idx3-ubyte</c>.</param>
public sealed record LocatedFile(string Path, DataPlace Place, string ManifestName);
