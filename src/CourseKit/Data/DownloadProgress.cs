namespace CourseKit.Data;

/// <summary>How far a download has got.</summary>
/// <param name="File">The file being fetched, e.g. <c>mnist/train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Bytes">Bytes received so far.</param>
/// <param name="Total">The size the server announced, if it did.</param>
public sealed record DownloadProgress(string File, long Bytes, long? Total);
