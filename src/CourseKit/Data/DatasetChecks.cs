using CourseKit.Imaging;
using CourseKit.Runtime;

namespace CourseKit.Data;

/// <summary>The datasets' lines in <c>coursekit doctor</c>: where each dataset was found and whether its checksums match.</summary>
public static class DatasetChecks
{
    /// <summary>The datasets the kit ships and checks.</summary>
    public static IReadOnlyList<IdxImageDataset> Datasets { get; } = [Mnist.Definition, FashionMnist.Definition];

    /// <summary>Adds these checks to <see cref="Doctor.Contributors"/> (once).</summary>
    public static void Register()
    {
        lock (Doctor.Contributors)
            if (!Doctor.Contributors.Contains(Examine)) Doctor.Contributors.Add(Examine);
    }

    /// <summary>One check per dataset (every file found and verified) and one for the photos.</summary>
    public static IEnumerable<DoctorCheck> Examine() => Examine(DataLocator.Default);

    /// <summary>The checks against a given locator.</summary>
    public static IEnumerable<DoctorCheck> Examine(DataLocator locator)
    {
        foreach (var dataset in Datasets) yield return Check(dataset, locator);
        yield return CheckPhotos();
    }

    private static DoctorCheck Check(IdxImageDataset dataset, DataLocator locator)
    {
        var found = IdxImageDataset.FileNames.Select(f => (Name: f, File: locator.TryLocate(dataset.Folder, f))).ToList();
        var missing = found.Where(f => f.File is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            string looked = string.Join("; ", locator.Places.Select(p => $"{p.Description}: {p.DirectoryFor(dataset.Folder) ?? "n/a"}"));
            return new DoctorCheck(dataset.Title, $"missing {string.Join(", ", missing)} (looked in {looked})", false,
                $"run `dotnet run --project src/CourseKit.Cli -- data download` (needs internet), or copy the four .gz files " +
                $"into {dataset.Folder}/ under ${DataLocator.DataVariable}.");
        }
        try
        {
            int train = 0, test = 0;
            foreach (var (name, file) in found)
            {
                var array = locator.ReadVerified(file!, name.Contains("images") ? Idx.ImagesMagic : Idx.LabelsMagic);
                if (name.StartsWith("train-labels", StringComparison.Ordinal)) train = array.Count;
                if (name.StartsWith("t10k-labels", StringComparison.Ordinal)) test = array.Count;
            }
            var places = found.Select(f => $"{f.File!.Place.Description} ({Path.GetDirectoryName(f.File.Path)})").Distinct();
            return new DoctorCheck(dataset.Title, $"{train} train + {test} test, SHA-256 ok, in {string.Join(" and ", places)}", true);
        }
        catch (Exception e) when (e is ChecksumMismatchException or IdxFormatException or InvalidOperationException)
        {
            return new DoctorCheck(dataset.Title, "found but rejected: " + e.Message.Split('\n')[0], false,
                "delete the rejected file and copy it again from the repository's data/ folder, or run `coursekit data download`.");
        }
    }

    private static DoctorCheck CheckPhotos()
    {
        try
        {
            var sizes = Photos.Names.Select(name =>
            {
                using var photo = Photos.Load(name);
                return $"{name} {ShapeText.Of(photo)}";
            });
            return new DoctorCheck("Photos", string.Join(", ", sizes), true);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            return new DoctorCheck("Photos", e.Message, false, "rebuild the kit from a complete checkout (data/images).");
        }
    }
}
