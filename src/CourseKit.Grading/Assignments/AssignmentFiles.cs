namespace CourseKit.Grading.Assignments;

/// <summary>Finds an assignment's instructor files: assignments/&lt;FolderName&gt;/source.ipynb.</summary>
public static class AssignmentFiles
{
    /// <summary>
    /// The assignments/ folder: given, or found by walking up from the program's folder, then from the working folder.
    /// A folder anyone may write to (/tmp, /dev/shm) is never taken, nor one inside it: a submission's code could have
    /// written a source notebook there.
    /// </summary>
    public static string AssignmentsRoot(string? given = null)
    {
        if (given is not null)
            return Directory.Exists(given) ? Path.GetFullPath(given)
                : throw new DirectoryNotFoundException($"The assignments folder {given} does not exist.");
        return Find([AppContext.BaseDirectory, Directory.GetCurrentDirectory()]) ?? throw new DirectoryNotFoundException(
            "Could not find the assignments/ folder (with <assignment>/source.ipynb); run from the kit's folder or pass --assignments DIR.");
    }

    /// <summary>The first trusted assignments/ folder at or above one of <paramref name="starts"/>, or null.</summary>
    internal static string? Find(IEnumerable<string> starts)
    {
        foreach (string start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "assignments");
                if (Directory.Exists(candidate) && !Data.DataLocator.WritableByOthers(dir.FullName) && !Data.DataLocator.WritableByOthers(candidate)
                    && Directory.EnumerateFiles(candidate, "source.ipynb", SearchOption.AllDirectories).Any())
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>The instructor's source notebook of an assignment.</summary>
    public static string SourceNotebook(AssignmentDefinition assignment, string? assignmentsRoot = null)
    {
        string path = Path.Combine(AssignmentsRoot(assignmentsRoot), assignment.FolderName, "source.ipynb");
        return File.Exists(path) ? path
            : throw new FileNotFoundException($"{assignment.Id}'s source notebook {path} is missing.", path);
    }
}
