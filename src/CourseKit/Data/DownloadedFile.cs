namespace CourseKit.Data;

/// <summary>What happened to one dataset file.</summary>
/// <param name="ManifestName">E.g. <c>mnist/train-images-idx3-ubyte</c>.</param>
/// <param name="Path">Where the verified file now is.</param>
/// <param name="Source">The URL it came from, or null when a verified copy was already there.</param>
public sealed record DownloadedFile(string ManifestName, string Path, string? Source);
