using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>An IDX file that is truncated, corrupt or not the kind of IDX file expected.</summary>
public sealed class IdxFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public IdxFormatException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The file that was rejected.</summary>
    public string File { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
