using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>
/// Finds dataset files with no network, in this order: <c>data/</c> in the repository (found by walking up
/// from the program's folder and from the current folder to <c>CourseKit.sln</c>), the folder named by
/// <c>COURSEKIT_DATA</c>, <c>/usr/share/datasets/fashion-mnist</c> (Debian's dataset-fashion-mnist; Fashion-MNIST only),
/// and the per-user cache (<c>~/.cache/coursekit/data</c>, where <c>coursekit data download</c> writes).
/// </summary>
public sealed class DataLocator
{
    /// <summary>The environment variable naming an extra data folder.</summary>
    public const string DataVariable = "COURSEKIT_DATA";

    /// <summary>Debian's dataset-fashion-mnist folder.</summary>
    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    /// <summary>A locator searching <paramref name="places"/> in order and checking files against <paramref name="manifest"/>.</summary>
    public DataLocator(IReadOnlyList<DataPlace> places, DataManifest manifest)
    {
        Places = places;
        Manifest = manifest;
    }

    /// <summary>The places, in search order.</summary>
    public IReadOnlyList<DataPlace> Places { get; }

    /// <summary>The checksums files must match.</summary>
    public DataManifest Manifest { get; }

    /// <summary>The locator for this process's environment and the shipped manifest (re-read each call, so a changed
    /// <c>COURSEKIT_DATA</c> counts).</summary>
    public static DataLocator Default =>
        new(StandardPlaces(RepositoryRoot(), Environment.GetEnvironmentVariable(DataVariable), UserCacheDirectory()), DataManifest.Shipped);

    /// <summary>The per-user data cache, <c>&lt;kit cache&gt;/data</c> (e.g. <c>~/.cache/coursekit/data</c>).</summary>
    public static string UserCacheDirectory() => Path.Combine(TorchLoadFix.CacheDirectory(), "data");

    /// <summary>The four standard places in search order, from the given repository root, variable value and cache.</summary>
    public static IReadOnlyList<DataPlace> StandardPlaces(string? repositoryRoot, string? dataVariable, string userCache) =>
    [
        new("data/ in the repository", repositoryRoot is null ? null : Path.Combine(repositoryRoot, "data")),
        new($"${DataVariable}", string.IsNullOrWhiteSpace(dataVariable) ? null : dataVariable),
        new("Debian's dataset-fashion-mnist", DebianFashionMnist, "fashion-mnist"),
        new("the per-user cache", userCache),
    ];

    /// <summary>
    /// The repository root (the folder holding CourseKit.sln) above the program's folder or the current folder, or null.
    /// A folder anyone may write to (such as /tmp or /dev/shm), or a CourseKit.sln anyone may change, is never taken as
    /// the root: a student's code could have put it there (issue 20: a CourseKit.sln written to /tmp made a grader
    /// installed below /tmp look for its datasets there, and abort).
    /// </summary>
    public static string? RepositoryRoot() => RepositoryRoot([AppContext.BaseDirectory, Environment.CurrentDirectory]);

    /// <summary>The first trusted folder holding CourseKit.sln at or above one of <paramref name="starts"/>, in order, or null.</summary>
    public static string? RepositoryRoot(IEnumerable<string> starts)
    {
        foreach (string start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string solution = Path.Combine(dir.FullName, "CourseKit.sln");
                if (File.Exists(solution) && !WritableByOthers(dir.FullName) && !WritableByOthers(solution)) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether users other than the owner and its group may write to the file or folder (never on Windows): such a place
    /// (/tmp, /dev/shm) may hold files a sandboxed submission wrote, so the kit never takes its own files from there.
    /// </summary>
    public static bool WritableByOthers(string path) =>
        !OperatingSystem.IsWindows() && File.GetUnixFileMode(path).HasFlag(UnixFileMode.OtherWrite);

    /// <summary>Finds <paramref name="fileName"/> (e.g. <c>train-images-idx3-ubyte</c>, raw or with .gz) of <paramref name="dataset"/>.</summary>
    /// <exception cref="DatasetNotFoundException">It is in none of the places; the message lists each and says what to do.</exception>
    public LocatedFile Locate(string dataset, string fileName) =>
        TryLocate(dataset, fileName) ?? throw new DatasetNotFoundException(NotFoundMessage(dataset, fileName), fileName);

    /// <summary>Like <see cref="Locate"/>, but null when the file is nowhere.</summary>
    public LocatedFile? TryLocate(string dataset, string fileName)
    {
        foreach (var place in Places)
        {
            string? directory = place.DirectoryFor(dataset);
            if (directory is null) continue;
            foreach (string candidate in new[] { fileName + ".gz", fileName })
            {
                string path = Path.Combine(directory, candidate);
                if (File.Exists(path)) return new LocatedFile(path, place, $"{dataset}/{fileName}");
            }
        }
        return null;
    }

    /// <summary>Reads a located IDX file and checks its SHA-256 against the manifest (once per process per file; see <see cref="IdxCache"/>).</summary>
    /// <exception cref="ChecksumMismatchException">The content differs from the manifest.</exception>
    /// <exception cref="IdxFormatException">The file is not valid IDX of the expected kind.</exception>
    public IdxArray ReadVerified(LocatedFile file, int expectedMagic)
    {
        string expected = Manifest.Expected(file.ManifestName)
            ?? throw new InvalidOperationException($"the manifest has no checksum for {file.ManifestName}; add one to data/manifest.sha256");
        return IdxCache.Read(file.Path, expectedMagic, expected);
    }

    private string NotFoundMessage(string dataset, string fileName)
    {
        var lines = new List<string> { $"Dataset file {dataset}/{fileName} (raw or .gz) was not found. Looked in, in this order:" };
        int number = 1;
        foreach (var place in Places)
        {
            string? directory = place.DirectoryFor(dataset);
            string where = directory ?? (place.Directory is null ? "(not set / not found)" : $"(only for {place.OnlyFor})");
            lines.Add($"  {number++}. {place.Description}: {where}");
        }
        lines.Add("What to do: run `dotnet run --project src/CourseKit.Cli -- data download` (needs internet; writes to " +
                  $"{UserCacheDirectory()}), or copy {fileName}.gz into one of the folders above, or set {DataVariable} " +
                  $"to a folder holding {dataset}/{fileName}.gz.");
        return string.Join(Environment.NewLine, lines);
    }
}
