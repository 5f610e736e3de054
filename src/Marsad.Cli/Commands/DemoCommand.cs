using System.CommandLine;
using Marsad.Ingest;
using Marsad.Server;
using Marsad.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad demo</c>: ingests the sample articles shipped in <c>samples/articles</c> into a demo
/// archive and serves the web page over it. (<c>./marsad</c> has already built everything.)
/// </summary>
public static class DemoCommand
{
    public const string SampleOutlet = "عينات مرصد";

    public static Command Create()
    {
        var data = new Option<string?>("--data", "-d") { Description = "The demo archive folder (default: marsad-data/demo in the repository)." };
        var samples = new Option<string?>("--samples") { Description = "Folder of article files to ingest (default: the repository's samples/articles)." };
        var urls = new Option<string>("--urls") { Description = "Where to listen (loopback).", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var cmd = new Command("demo", "Ingest the sample articles into a demo archive and serve the web page over it.") { data, samples, urls };
        cmd.SetAction((r, ct) => CliErrors.RunAsync(async () =>
        {
            var root = FindRepository();
            var samplesDir = r.GetValue(samples) ?? (root is null ? null : Path.Combine(root, "samples", "articles"));
            if (samplesDir is null || !Directory.Exists(samplesDir))
                throw new InputException(samplesDir ?? "samples/articles", "no sample folder here; run from the repository or pass --samples DIR");
            var dataDir = Path.GetFullPath(r.GetValue(data) ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), "marsad-data", "demo"));
            var options = new ServerOptions { DataDirectory = dataDir, Urls = r.GetValue(urls)! };
            return await ServeCommand.RunAsync(options, app =>
            {
                var archive = app.Services.GetRequiredService<IArchive>();
                int added = 0, files = 0;
                foreach (var file in Directory.EnumerateFiles(samplesDir, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    // A sub-folder names the category (samples/articles/economy/…).
                    var folder = Path.GetRelativePath(samplesDir, Path.GetDirectoryName(file)!);
                    var article = TextArticleReader.ReadFile(file) with
                    {
                        Source = Path.GetRelativePath(samplesDir, file).Replace('\\', '/'),
                        Category = folder == "." ? null : folder,
                        Outlet = SampleOutlet,
                    };
                    if (archive.Ingest(article).Created) added++;
                    files++;
                }
                Console.Out.WriteLine($"demo: {files} sample articles from {samplesDir} ({added} new) in {dataDir}");
                return Task.CompletedTask;
            }, ct);
        }));
        return cmd;
    }

    /// <summary>The repository root: the first folder up from here (or from the CLI's own folder) holding Marsad.sln.</summary>
    private static string? FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Marsad.sln")) && Directory.Exists(Path.Combine(dir.FullName, "samples")))
                    return dir.FullName;
        }
        return null;
    }
}
