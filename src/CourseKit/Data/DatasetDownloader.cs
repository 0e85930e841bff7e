namespace CourseKit.Data;

/// <summary>
/// Fetches MNIST and Fashion-MNIST from their official locations when they are missing — only when asked
/// (<c>coursekit data download</c>); loading a dataset never touches the network. Each file goes to a temporary
/// name in the target folder, is decompressed and checked against the manifest's SHA-256, and only then renamed
/// into place (an atomic rename), so an interrupted or corrupted download never leaves a file the kit would use.
/// </summary>
public sealed class DatasetDownloader
{
    /// <summary>The official locations, in the order they are tried. File names are the standard ones plus .gz.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> OfficialMirrors = new Dictionary<string, IReadOnlyList<string>>
    {
        ["mnist"] =
        [
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "http://yann.lecun.com/exdb/mnist/",
        ],
        ["fashion-mnist"] = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
    };

    private readonly HttpClient http;
    private readonly DataManifest manifest;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> mirrors;

    /// <summary>A downloader using <paramref name="http"/>, checking against <paramref name="manifest"/> (default: the shipped one),
    /// fetching from <paramref name="mirrors"/> (default: <see cref="OfficialMirrors"/>; dataset folder → base URLs).</summary>
    public DatasetDownloader(HttpClient http, DataManifest? manifest = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? mirrors = null)
    {
        this.http = http;
        this.manifest = manifest ?? DataManifest.Shipped;
        this.mirrors = mirrors ?? OfficialMirrors;
    }

    /// <summary>
    /// Makes sure the four files of <paramref name="dataset"/> are in <c>&lt;<paramref name="targetRoot"/>&gt;/&lt;folder&gt;/</c>:
    /// files already there and verified are kept, the others are downloaded and verified.
    /// </summary>
    /// <exception cref="DownloadException">A file could not be fetched and verified from any mirror; the message lists every attempt.</exception>
    public async Task<IReadOnlyList<DownloadedFile>> DownloadAsync(IdxImageDataset dataset, string targetRoot,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!mirrors.TryGetValue(dataset.Folder, out var bases) || bases.Count == 0)
            throw new ArgumentException($"no download location is known for {dataset.Title}", nameof(dataset));
        string folder = Path.Combine(targetRoot, dataset.Folder);
        Directory.CreateDirectory(folder);
        var results = new List<DownloadedFile>();
        foreach (string fileName in IdxImageDataset.FileNames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string manifestName = $"{dataset.Folder}/{fileName}";
            string expected = manifest.Expected(manifestName)
                ?? throw new InvalidOperationException($"the manifest has no checksum for {manifestName}");
            int magic = fileName.Contains("images") ? Idx.ImagesMagic : Idx.LabelsMagic;
            string target = Path.Combine(folder, fileName + ".gz");
            if (IsVerified(target, magic, expected))
            {
                results.Add(new DownloadedFile(manifestName, target, null));
                continue;
            }
            string source = await FetchFromAnyMirror(bases, fileName + ".gz", manifestName, target, magic, expected, progress, cancellationToken);
            results.Add(new DownloadedFile(manifestName, target, source));
        }
        return results;
    }

    private async Task<string> FetchFromAnyMirror(IReadOnlyList<string> bases, string remoteName, string manifestName, string target,
        int magic, string expected, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (string baseUrl in bases)
        {
            string url = baseUrl.TrimEnd('/') + "/" + remoteName;
            try
            {
                await FetchVerified(url, $"{manifestName}.gz", target, magic, expected, progress, cancellationToken);
                return url;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or IdxFormatException or ChecksumMismatchException
                                          or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"  {url}: {e.Message}");
            }
        }
        throw new DownloadException(
            $"could not download {manifestName}.gz; nothing was kept. Tried:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}" +
            $"{Environment.NewLine}Check the network, or copy the file by hand into {Path.GetDirectoryName(target)}.");
    }

    /// <summary>Downloads <paramref name="url"/> to a temporary file beside <paramref name="target"/>, verifies it, renames it into place.</summary>
    private async Task FetchVerified(string url, string displayName, string target, int magic, string expected,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
                long? total = response.Content.Headers.ContentLength;
                long received = 0;
                using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
                using (var file = File.Create(temporary))
                {
                    var buffer = new byte[1 << 16];
                    try
                    {
                        int read;
                        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                        {
                            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                            received += read;
                            progress?.Report(new DownloadProgress(displayName, received, total));
                        }
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        throw new IOException($"the connection broke after {received} of {total?.ToString() ?? "?"} bytes ({e.Message})", e);
                    }
                }
                if (total is long length && received != length)
                    throw new IOException($"the connection closed after {received} of {length} bytes (interrupted download)");
            }
            var content = Idx.Read(temporary, magic);
            if (content.Sha256 != expected) throw new ChecksumMismatchException(url, expected, content.Sha256);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static bool IsVerified(string path, int magic, string expected)
    {
        if (!File.Exists(path)) return false;
        try { return IdxCache.Read(path, magic, expected) is not null; }
        catch (Exception e) when (e is IdxFormatException or ChecksumMismatchException) { return false; }
    }
}
