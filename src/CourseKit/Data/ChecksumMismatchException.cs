using System.Reflection;

namespace CourseKit.Data;

/// <summary>A dataset file whose content does not match the manifest's SHA-256.</summary>
public sealed class ChecksumMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChecksumMismatchException(string file, string expected, string actual)
        : base($"{file}: SHA-256 of the uncompressed content is {actual}, but the kit's manifest (data/manifest.sha256) " +
               $"expects {expected}. The file is corrupt or not the official one: delete it and copy or download it again " +
               "(`coursekit data download`).")
    {
        File = file;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The rejected file.</summary>
    public string File { get; }

    /// <summary>The SHA-256 the manifest lists.</summary>
    public string Expected { get; }

    /// <summary>The SHA-256 of the file's uncompressed content.</summary>
    public string Actual { get; }
}
