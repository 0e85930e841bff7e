using System.CommandLine;
using CourseKit.Data;
using CourseKit.Runtime;

namespace CourseKit.Cli.Commands;

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
