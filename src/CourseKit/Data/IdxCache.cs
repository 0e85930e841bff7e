namespace CourseKit.Data;

/// <summary>
/// Decoded, checksum-verified IDX files kept for the life of the process, so that loading MNIST a second
/// time neither decompresses nor hashes 47 MB again. Entries are keyed by path, size and modification time,
/// so a replaced file is read again. The byte arrays are shared: callers copy what they hand out.
/// </summary>
internal static class IdxCache
{
    private sealed record Key(string Path, long Length, DateTime Modified, int Magic, string Expected);

    private static readonly Dictionary<Key, IdxArray> Entries = new();
    private static readonly object Gate = new();

    /// <summary>Reads and verifies the file, or returns the copy read earlier in this process.</summary>
    public static IdxArray Read(string path, int expectedMagic, string expectedSha256)
    {
        var info = new FileInfo(path);
        var key = new Key(info.FullName, info.Length, info.LastWriteTimeUtc, expectedMagic, expectedSha256.ToLowerInvariant());
        lock (Gate)
        {
            if (Entries.TryGetValue(key, out var cached)) return cached;
            var array = Idx.Read(path, expectedMagic);
            if (array.Sha256 != key.Expected) throw new ChecksumMismatchException(path, key.Expected, array.Sha256);
            Entries[key] = array;
            return array;
        }
    }

    /// <summary>Forgets every entry (tests).</summary>
    public static void Clear()
    {
        lock (Gate) Entries.Clear();
    }
}
