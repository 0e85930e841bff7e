namespace CourseKit.Generative;

/// <summary>
/// Where the kit's shipped model weights live: <c>data/checkpoints/</c> at the repository root, found by walking up from
/// the working directory (a notebook runs in <c>notebooks/</c>) and from the program's folder (tests, CLI).
/// </summary>
public static class Checkpoints
{
    /// <summary>The folder name under the repository root.</summary>
    public const string Folder = "data/checkpoints";

    /// <summary>The full path of <paramref name="fileName"/> in <c>data/checkpoints/</c>, or null if no such file is found.</summary>
    public static string? Find(string fileName)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, Folder, fileName);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Like <see cref="Find"/>, but says how to make the file when it is missing.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint is not there.</exception>
    public static string Require(string fileName, string command) =>
        Find(fileName) ?? throw new FileNotFoundException(
            $"the checkpoint {Folder}/{fileName} was not found above {Directory.GetCurrentDirectory()}; " +
            $"regenerate it with `dotnet run --project src/CourseKit.Cli -- {command}`", fileName);

    /// <summary>The repository's <c>data/checkpoints</c> folder (created if needed) for writing, found from the working directory.</summary>
    public static string WritableFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, Folder)).FullName;
        return Directory.CreateDirectory(Path.Combine(Directory.GetCurrentDirectory(), Folder)).FullName;
    }
}
