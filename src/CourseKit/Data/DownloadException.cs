namespace CourseKit.Data;

/// <summary>A download that failed on every mirror; nothing was kept.</summary>
public sealed class DownloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DownloadException(string message, Exception? inner = null) : base(message, inner) { }
}
