using CourseKit.Cli.Commands;
using CourseKit.Data;

namespace CourseKit.Tests.Data;

/// <summary>The downloader against a local HTTP server on 127.0.0.1 (never the internet).</summary>
public sealed class DatasetDownloaderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("coursekit-download-").FullName;
    private readonly LocalHttpServer server = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly Dictionary<string, string> hashes;
    private readonly Dictionary<string, byte[]> files = new();

    public DatasetDownloaderTests()
    {
        string source = Path.Combine(root, "source");
        hashes = TinyIdxData.Write(source, "mnist", count: 300, mark: 7, imageSize: 28);
        foreach (string name in IdxImageDataset.FileNames)
            files[name] = File.ReadAllBytes(Path.Combine(source, name + ".gz"));
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private DatasetDownloader Downloader(params string[] mirrors) =>
        new(http, new DataManifest(hashes), new Dictionary<string, IReadOnlyList<string>> { ["mnist"] = mirrors });

    private string Target => Path.Combine(root, "target");

    private void ServeAll(string prefix)
    {
        foreach (var (name, bytes) in files) server.Serve($"/{prefix}/{name}.gz", bytes);
    }

    private string[] FilesInTarget() =>
        Directory.Exists(Path.Combine(Target, "mnist"))
            ? Directory.GetFiles(Path.Combine(Target, "mnist")).Select(f => Path.GetFileName(f)).Order().ToArray()
            : [];

    [Fact]
    public async Task A_good_download_stores_the_four_verified_files_and_nothing_else()
    {
        ServeAll("good");
        var reports = new List<DownloadProgress>();

        var result = await Downloader(server.BaseUrl + "good/").DownloadAsync(Mnist.Definition, Target, new SyncProgress(reports.Add));

        Assert.Equal(IdxImageDataset.FileNames.Select(n => n + ".gz").Order(), FilesInTarget());
        Assert.All(result, f => Assert.StartsWith(server.BaseUrl + "good/", f.Source));
        foreach (string name in IdxImageDataset.FileNames)
            Assert.Equal(files[name], File.ReadAllBytes(Path.Combine(Target, "mnist", name + ".gz")));
        Assert.Contains(reports, r => r.File == "mnist/train-images-idx3-ubyte.gz" && r.Bytes == r.Total);

        var locator = new DataLocator(DataLocator.StandardPlaces(null, Target, Path.Combine(root, "cache")), new DataManifest(hashes));
        using var data = Mnist.Definition.Load(Split.Train, locator: locator);
        Assert.Equal(300, data.Count);
    }

    [Fact]
    public async Task A_corrupted_download_is_not_kept()
    {
        ServeAll("bad");
        string otherPath = Path.Combine(root, "other.gz");
        TinyIdxData.Save(otherPath, [300, 28, 28], new byte[300 * 28 * 28]);   // valid IDX of the right shape, wrong content
        server.Serve("/bad/train-images-idx3-ubyte.gz", File.ReadAllBytes(otherPath));

        var error = await Assert.ThrowsAsync<DownloadException>(() => Downloader(server.BaseUrl + "bad/").DownloadAsync(Mnist.Definition, Target));

        Assert.Contains("mnist/train-images-idx3-ubyte.gz", error.Message);
        Assert.Contains("nothing was kept", error.Message);
        Assert.Contains(hashes["mnist/train-images-idx3-ubyte"], error.Message);
        Assert.DoesNotContain("train-images-idx3-ubyte.gz", FilesInTarget());
        Assert.DoesNotContain(FilesInTarget(), f => f.EndsWith(".partial"));
    }

    [Fact]
    public async Task An_interrupted_download_leaves_no_partial_file_and_says_what_happened()
    {
        ServeAll("cut");
        byte[] images = files["train-images-idx3-ubyte"];
        server.ServeTruncated("/cut/train-images-idx3-ubyte.gz", images, sendOnly: images.Length / 2);

        var error = await Assert.ThrowsAsync<DownloadException>(() => Downloader(server.BaseUrl + "cut/").DownloadAsync(Mnist.Definition, Target));

        Assert.Contains("cut/train-images-idx3-ubyte.gz", error.Message);
        Assert.Matches($"(broke|closed) after \\d+ of {images.Length} bytes", error.Message);
        Assert.Empty(FilesInTarget());
    }

    [Fact]
    public async Task A_failing_mirror_falls_back_to_the_next_and_verified_files_are_not_fetched_again()
    {
        ServeAll("second");
        var downloader = Downloader(server.BaseUrl + "missing/", server.BaseUrl + "second/");

        var first = await downloader.DownloadAsync(Mnist.Definition, Target);
        int requests = server.Requests.Count;
        var again = await downloader.DownloadAsync(Mnist.Definition, Target);

        Assert.All(first, f => Assert.StartsWith(server.BaseUrl + "second/", f.Source));
        Assert.Equal(8, requests);                       // 4 × (404, then 200)
        Assert.Equal(requests, server.Requests.Count);   // nothing fetched the second time
        Assert.All(again, f => Assert.Null(f.Source));
    }

    [Fact]
    public async Task The_data_command_downloads_only_what_is_missing_and_verify_reports_each_file()
    {
        ServeAll("cli");
        var manifest = new DataManifest(hashes.Concat(DataManifest.Shipped.Hashes.Where(p => p.Key.StartsWith("fashion-mnist/")))
            .ToDictionary(p => p.Key, p => p.Value));
        var downloader = new DatasetDownloader(http, manifest,
            new Dictionary<string, IReadOnlyList<string>> { ["mnist"] = [server.BaseUrl + "cli/"], ["fashion-mnist"] = [server.BaseUrl + "none/"] });
        var locator = new DataLocator([new DataPlace("the test folder", Target)], manifest);
        var output = new StringWriter();

        int status = await DataTool.DownloadMissing(downloader, locator, Target, output, CancellationToken.None);

        Assert.Equal(1, status);                          // Fashion-MNIST has no working mirror here
        Assert.Contains("ok mnist/train-images-idx3-ubyte: from " + server.BaseUrl, output.ToString());
        Assert.Contains("FAIL could not download fashion-mnist/train-images-idx3-ubyte.gz", output.ToString());

        var report = new StringWriter();
        Assert.Equal(1, DataTool.Verify(locator, report));
        Assert.Contains("ok       mnist/train-images-idx3-ubyte  [300, 28, 28]", report.ToString());
        Assert.Contains("MISSING  fashion-mnist/train-images-idx3-ubyte", report.ToString());
    }

    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
