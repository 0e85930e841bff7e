using System.CommandLine;
using CourseKit.Data;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

/// <summary><c>coursekit data download|verify</c>: fetch missing datasets, and check the ones present against the manifest.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "The course's datasets (MNIST, Fashion-MNIST): download missing files, verify checksums.");
        command.Subcommands.Add(Download());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Command Download()
    {
        var to = new Option<string?>("--to")
        {
            Description = $"Folder to download into (default: the per-user cache, {DataLocator.UserCacheDirectory()}).",
        };
        var command = new Command("download",
            "Download the dataset files that are in none of the places the kit looks (needs internet), verify their SHA-256, " +
            "and store them atomically. Files already present and verified are left alone.");
        command.Options.Add(to);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string target = parse.GetValue(to) ?? DataLocator.UserCacheDirectory();
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            return await DataTool.DownloadMissing(new DatasetDownloader(http), DataLocator.Default, target, Console.Out, cancellationToken);
        });
        return command;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Find every dataset file and check it against the SHA-256 manifest (data/manifest.sha256).");
        command.SetAction(_ => DataTool.Verify(DataLocator.Default, Console.Out));
        return command;
    }
}

/// <summary>The work behind <c>coursekit data</c>, separate from the command line so tests can call it.</summary>
public static class DataTool
{
    /// <summary>Downloads into <paramref name="target"/> each dataset that has a file no place holds (or holds verified); 0 when all is well.</summary>
    public static async Task<int> DownloadMissing(DatasetDownloader downloader, DataLocator locator, string target, TextWriter output,
        CancellationToken cancellationToken)
    {
        int status = 0;
        foreach (var dataset in DatasetChecks.Datasets)
        {
            if (IsComplete(dataset, locator))
            {
                output.WriteLine($"{dataset.Title}: already present and verified, nothing to download");
                continue;
            }
            output.WriteLine($"{dataset.Title}: downloading into {Path.Combine(target, dataset.Folder)}");
            var progress = new ConsoleProgress(output);
            try
            {
                var files = await downloader.DownloadAsync(dataset, target, progress, cancellationToken);
                progress.Finish();
                foreach (var file in files)
                    output.WriteLine($"  ok {file.ManifestName}: {(file.Source is null ? "already there" : "from " + file.Source)}");
            }
            catch (DownloadException e)
            {
                progress.Finish();
                output.WriteLine($"  FAIL {e.Message}");
                status = 1;
            }
        }
        return status;
    }

    /// <summary>Prints one line per dataset file: where it is and whether it matches the manifest; 0 when all do.</summary>
    public static int Verify(DataLocator locator, TextWriter output)
    {
        int status = 0;
        foreach (var dataset in DatasetChecks.Datasets)
            foreach (string name in IdxImageDataset.FileNames)
            {
                var file = locator.TryLocate(dataset.Folder, name);
                if (file is null)
                {
                    output.WriteLine($"MISSING  {dataset.Folder}/{name}  (run `coursekit data download`)");
                    status = 1;
                    continue;
                }
                try
                {
                    var content = locator.ReadVerified(file, name.Contains("images") ? Idx.ImagesMagic : Idx.LabelsMagic);
                    output.WriteLine($"ok       {file.ManifestName}  {ShapeText.OfSizes(content.Shape)}  sha256 {content.Sha256[..12]}…  {file.Place.Description}: {file.Path}");
                }
                catch (Exception e) when (e is ChecksumMismatchException or IdxFormatException)
                {
                    output.WriteLine($"BAD      {file.ManifestName}  {file.Path}: {e.Message}");
                    status = 1;
                }
            }
        return status;
    }

    private static bool IsComplete(IdxImageDataset dataset, DataLocator locator) =>
        IdxImageDataset.FileNames.All(name =>
        {
            var file = locator.TryLocate(dataset.Folder, name);
            if (file is null) return false;
            try { return locator.ReadVerified(file, name.Contains("images") ? Idx.ImagesMagic : Idx.LabelsMagic) is not null; }
            catch (Exception e) when (e is ChecksumMismatchException or IdxFormatException) { return false; }
        });

    /// <summary>Prints download progress as one updating line per file (every 10%).</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<DownloadProgress>
    {
        private string? file;
        private int lastTenth = -1;

        public void Report(DownloadProgress value)
        {
            if (value.File != file)
            {
                Finish();
                file = value.File;
                lastTenth = -1;
                output.Write($"  {value.File} ");
            }
            int tenth = value.Total is long total && total > 0 ? (int)(10 * value.Bytes / total) : (int)(value.Bytes >> 22);
            if (tenth == lastTenth) return;
            lastTenth = tenth;
            output.Write(value.Total is null ? $"{value.Bytes / 1_000_000.0:0.#} MB " : $"{tenth * 10}% ");
        }

        public void Finish()
        {
            if (file is not null) output.WriteLine();
            file = null;
        }
    }
}
