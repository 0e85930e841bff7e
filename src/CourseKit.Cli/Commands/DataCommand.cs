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
