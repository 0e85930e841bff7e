using CourseKit.Data;

namespace CourseKit.Tests.Data;

public sealed class DataLocatorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("coursekit-locator-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Sub(string name) => Path.Combine(root, name);

    private static DataManifest Manifest(params Dictionary<string, string>[] parts) =>
        new(parts.SelectMany(p => p).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value));

    [Fact]
    public void The_COURSEKIT_DATA_folder_is_used_when_there_is_no_repository()
    {
        var hashes = TinyIdxData.Write(Path.Combine(Sub("env"), "mnist"), "mnist", count: 20, mark: 1);
        var locator = new DataLocator(DataLocator.StandardPlaces(null, Sub("env"), Sub("cache")), Manifest(hashes));

        using var data = Mnist.Definition.Load(Split.Train, locator: locator);

        Assert.Equal([20, 1, 4, 4], data.Inputs.shape);
        Assert.Equal(1 / 255f, data.Inputs[0, 0, 0, 0].item<float>(), 6);   // first pixel = mark
        Assert.Equal("$COURSEKIT_DATA", locator.Locate("mnist", "train-images-idx3-ubyte").Place.Description);
    }

    [Fact]
    public void The_repository_comes_first_then_COURSEKIT_DATA_then_the_user_cache()
    {
        var repo = TinyIdxData.Write(Path.Combine(Sub("repo"), "data", "mnist"), "mnist", count: 10, mark: 11);
        var env = TinyIdxData.Write(Path.Combine(Sub("env"), "mnist"), "mnist", count: 20, mark: 22);
        var cache = TinyIdxData.Write(Path.Combine(Sub("cache"), "mnist"), "mnist", count: 30, mark: 33);

        var all = new DataLocator(DataLocator.StandardPlaces(Sub("repo"), Sub("env"), Sub("cache")),
            Manifest(repo.ToDictionary(p => p.Key, p => p.Value)));
        using (var fromRepo = Mnist.Definition.Load(Split.Test, locator: all))
            Assert.Equal(10, fromRepo.Count);

        Directory.Delete(Path.Combine(Sub("repo"), "data"), recursive: true);
        var noRepo = new DataLocator(DataLocator.StandardPlaces(Sub("repo"), Sub("env"), Sub("cache")), Manifest(env));
        using (var fromEnv = Mnist.Definition.Load(Split.Test, locator: noRepo))
            Assert.Equal(20, fromEnv.Count);

        var cacheOnly = new DataLocator(DataLocator.StandardPlaces(Sub("repo"), null, Sub("cache")), Manifest(cache));
        using (var fromCache = Mnist.Definition.Load(Split.Test, locator: cacheOnly))
            Assert.Equal(30, fromCache.Count);
        Assert.Equal("the per-user cache", cacheOnly.Locate("mnist", "t10k-labels-idx1-ubyte").Place.Description);
    }

    [Fact]
    public void Debians_folder_serves_only_Fashion_MNIST_and_holds_the_files_directly()
    {
        var places = DataLocator.StandardPlaces(null, null, Sub("cache"));
        var debian = places[2];

        Assert.Equal(["data/ in the repository", "$COURSEKIT_DATA", "Debian's dataset-fashion-mnist", "the per-user cache"],
            places.Select(p => p.Description));
        Assert.Equal("/usr/share/datasets/fashion-mnist", debian.DirectoryFor("fashion-mnist"));
        Assert.Null(debian.DirectoryFor("mnist"));
        Assert.Equal(Path.Combine(Sub("cache"), "mnist"), places[3].DirectoryFor("mnist"));
    }

    [Fact]
    public void The_default_locator_reads_COURSEKIT_DATA_and_finds_this_repository()
    {
        string? before = Environment.GetEnvironmentVariable(DataLocator.DataVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataLocator.DataVariable, Sub("env"));
            var places = DataLocator.Default.Places;
            Assert.Equal(Sub("env"), places[1].Directory);
            string repo = DataLocator.RepositoryRoot()!;
            Assert.True(File.Exists(Path.Combine(repo, "CourseKit.sln")));
            Assert.Equal(Path.Combine(repo, "data"), places[0].Directory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataLocator.DataVariable, before);
        }
    }

    [Fact]
    public void A_file_whose_checksum_differs_from_the_manifest_is_refused()
    {
        var hashes = TinyIdxData.Write(Path.Combine(Sub("env"), "mnist"), "mnist", count: 12, mark: 5);
        string wrong = new('0', 64);
        hashes["mnist/train-images-idx3-ubyte"] = wrong;
        var locator = new DataLocator(DataLocator.StandardPlaces(null, Sub("env"), Sub("cache")), Manifest(hashes));

        var error = Assert.Throws<ChecksumMismatchException>(() => Mnist.Definition.Load(Split.Train, locator: locator));

        Assert.Equal(Path.Combine(Sub("env"), "mnist", "train-images-idx3-ubyte.gz"), error.File);
        Assert.Equal(wrong, error.Expected);
        Assert.Contains(error.Actual, error.Message);
        Assert.Contains("delete it", error.Message);
        using var test = Mnist.Definition.Load(Split.Test, locator: locator);   // the other split is fine
        Assert.Equal(12, test.Count);
    }

    [Fact]
    public void A_replaced_file_is_verified_again()
    {
        string folder = Path.Combine(Sub("env"), "mnist");
        var good = TinyIdxData.Write(folder, "mnist", count: 12, mark: 5);
        var locator = new DataLocator(DataLocator.StandardPlaces(null, Sub("env"), Sub("cache")), Manifest(good));
        Mnist.Definition.Load(Split.Train, locator: locator).Dispose();

        TinyIdxData.Write(folder, "mnist", count: 13, mark: 6);   // different content, same names

        Assert.Throws<ChecksumMismatchException>(() => Mnist.Definition.Load(Split.Train, locator: locator));
    }

    [Fact]
    public void A_missing_dataset_error_lists_every_place_and_what_to_do()
    {
        var locator = new DataLocator(DataLocator.StandardPlaces(Sub("repo"), null, Sub("cache")), DataManifest.Shipped);

        var error = Assert.Throws<DatasetNotFoundException>(() => Mnist.Definition.Load(Split.Train, locator: locator));

        Assert.Contains("mnist/train-images-idx3-ubyte", error.Message);
        Assert.Contains($"1. data/ in the repository: {Path.Combine(Sub("repo"), "data", "mnist")}", error.Message);
        Assert.Contains("2. $COURSEKIT_DATA: (not set", error.Message);
        Assert.Contains("3. Debian's dataset-fashion-mnist: (only for fashion-mnist)", error.Message);
        Assert.Contains($"4. the per-user cache: {Path.Combine(Sub("cache"), "mnist")}", error.Message);
        Assert.Contains("data download", error.Message);
    }

    [Fact]
    public void Images_and_labels_that_disagree_are_rejected()
    {
        string folder = Path.Combine(Sub("env"), "mnist");
        var hashes = TinyIdxData.Write(folder, "mnist", count: 10, mark: 0);
        hashes["mnist/train-labels-idx1-ubyte"] =
            TinyIdxData.Save(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), [9], [0, 1, 2, 3, 4, 5, 6, 7, 8]);
        hashes["mnist/t10k-labels-idx1-ubyte"] =
            TinyIdxData.Save(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), [10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 10]);
        var locator = new DataLocator(DataLocator.StandardPlaces(null, Sub("env"), Sub("cache")), Manifest(hashes));

        Assert.Contains("holds 9 labels but", Assert.Throws<IdxFormatException>(() => Mnist.Definition.Load(Split.Train, locator: locator)).Message);
        Assert.Contains("label 10 at index 9", Assert.Throws<IdxFormatException>(() => Mnist.Definition.Load(Split.Test, locator: locator)).Message);
    }

    [Fact]
    public void The_manifest_compiled_into_the_library_is_data_manifest_sha256()
    {
        string file = Path.Combine(DataLocator.RepositoryRoot()!, "data", "manifest.sha256");
        var fromFile = DataManifest.Parse(File.ReadAllText(file));

        Assert.Equal(fromFile.Hashes.OrderBy(p => p.Key), DataManifest.Shipped.Hashes.OrderBy(p => p.Key));
        Assert.Equal(8, fromFile.Hashes.Count);
        Assert.Throws<FormatException>(() => DataManifest.Parse("abc  mnist/x"));
    }
}
