using System.CommandLine;
using System.Diagnostics;
using Marsad.Ingest;
using Marsad.Store;
using Spectre.Console;

namespace Marsad.Cli.Commands;

/// <summary><c>marsad ingest PATH|URL… [--data DIR]</c>: reads, analyses and stores articles in the archive.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files, folders (recursive), JSON Lines (.jsonl, .gz), CSV (.csv), HTML pages, RSS/Atom feeds, http(s) URLs of a feed or a page, or - for standard input.", Arity = ArgumentArity.OneOrMore };
        // An unknown option lands among the inputs (the argument takes any number): name it as a usage
        // error rather than read the rest (`ingest --limit 1000 corpus.jsonl` read the whole corpus).
        inputs.Validators.Add(result =>
        {
            foreach (var t in result.Tokens)
                if (t.Value.Length > 1 && t.Value[0] == '-' && !File.Exists(t.Value) && !Directory.Exists(t.Value))
                    result.AddError($"Unrecognized command or argument '{t.Value}' (not an option of ingest, and no file or folder of that name)");
        });
        var data = ArchiveOptions.Data();
        var workers = new Option<int>("--workers") { Description = "Analysis threads.", DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 4) };
        var batch = new Option<int>("--batch") { Description = "Documents per commit.", DefaultValueFactory = _ => 2000 };
        var fields = new Option<string[]>("--field") { Description = "JSON Lines field or CSV column mapping name=field (id, url, outlet, category, title, subtitle, published, author, body); repeatable." };
        var format = new Option<string>("--format") { Description = "Read every input as auto (detect from the name and first bytes), text, jsonl, html, feed or csv.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "text", "jsonl", "html", "feed", "csv");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var follow = new Option<bool>("--follow-links") { Description = "Read links inside an input folder that point out of it (skipped by default)." };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait while another process writes to the archive (default 0: stop at once with \"archive in use by process N\").", DefaultValueFactory = _ => 0 };
        var cmd = new Command("ingest", "Read articles into the archive: analyse, de-duplicate, store and index them.") { inputs, data, workers, batch, fields, format, quiet, wait, follow };
        cmd.SetAction((r, ct) => CliErrors.RunAsync(() => Task.FromResult(Run(r.GetValue(inputs)!, r.GetValue(data)!, r.GetValue(workers), r.GetValue(batch),
            r.GetValue(fields) ?? [], r.GetValue(quiet), ct, TimeSpan.FromSeconds(Math.Max(0, r.GetValue(wait))), r.GetValue(follow), r.GetValue(format)))));
        return cmd;
    }

    public static int Run(string[] inputs, string dataDir, int workers, int batch, string[] fieldMappings, bool quiet, CancellationToken ct, TimeSpan lockWait = default, bool followLinks = false,
        string? format = null)
    {
        JsonLinesFields f;
        try { f = JsonLinesFields.Default.With(fieldMappings); }
        catch (ArgumentException e) { throw new InputException("--field", e.Message); }
        var readerOptions = new ReaderOptions { Fields = f, FollowLinks = followLinks, Format = ArticleSources.ParseFormat(format) };
        if (inputs.Count(i => i == ArticleSources.StdIn) > 1) throw new InputException("-", "standard input can be read once");
        var options = new IngestOptions { Workers = Math.Max(1, workers), BatchSize = Math.Max(1, batch), LockWait = lockWait };
        using var archive = ArchiveOptions.OpenOrCreate(dataDir);
        var readProgress = new ReadProgress();
        var items = ArticleSources.Read(inputs, readerOptions, readProgress, ct);
        IngestSummary summary;
        bool interactive = !quiet && !Console.IsErrorRedirected && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (interactive)
        {
            summary = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("reading", maxValue: 1000);
                    var progress = new Progress<IngestProgress>(_ => { });
                    var sync = new SynchronousProgress(p =>
                    {
                        task.Description = $"read {p.Read:N0} · stored {p.Stored:N0} · dup {p.Duplicates:N0} · rejected {p.Rejected:N0}";
                        if (p.BytesTotal > 0) task.Value = Math.Min(1000, 1000.0 * p.BytesDone / p.BytesTotal);
                        else task.IsIndeterminate = true;
                    });
                    summary = archive.Ingest(items, options, sync, readProgress, ct);
                    task.Value = 1000;
                });
        }
        else
        {
            var sw = Stopwatch.StartNew();
            var last = TimeSpan.Zero;
            var sync = new SynchronousProgress(p =>
            {
                if (quiet || sw.Elapsed - last < TimeSpan.FromSeconds(2)) return;
                last = sw.Elapsed;
                string pct = p.BytesTotal > 0 ? $" ({100.0 * p.BytesDone / p.BytesTotal:0}%)" : "";
                Console.Error.WriteLine($"marsad: ingest {sw.Elapsed.TotalSeconds:0}s{pct}: read {p.Read}, stored {p.Stored}, duplicates {p.Duplicates}, rejected {p.Rejected}");
            });
            summary = archive.Ingest(items, options, sync, readProgress, ct);
        }
        PrintSummary(summary, archive);
        bool nothingUsable = summary.Stored + summary.Duplicates == 0 && summary.RejectedCount > 0;
        return nothingUsable ? CliErrors.BadInput : CliErrors.Ok;
    }

    public static void PrintSummary(IngestSummary s, IMarsadStore archive)
    {
        if (s.Repaired is { } fixedIndex)
            Console.Error.WriteLine($"marsad: repaired the index after an interrupted run ({fixedIndex.Reindexed} re-indexed, {fixedIndex.Removed} removed)");
        var info = archive.Describe();
        string size = info.DatabaseBytes is { } db
            ? $" (database {ArchiveOptions.Size(db)}{(info.IndexBytes is { } index ? $", index {ArchiveOptions.Size(index)}" : "")})"
            : "";
        Console.WriteLine($"read {s.Read:N0} · stored {s.Stored:N0} · duplicates {s.Duplicates:N0} · near-duplicates {s.NearDuplicates:N0} in {s.Clusters:N0} story clusters · rejected {s.RejectedCount:N0}");
        Console.WriteLine($"archive {MarsadStores.Redact(info.Location)}: {s.ArchiveCount:N0} documents{size} · {s.Elapsed.TotalSeconds:0.0} s");
        if (s.RejectedCount > 0)
        {
            Console.Error.WriteLine($"rejected ({s.RejectedCount:N0}):");
            foreach (var r in s.Rejected) Console.Error.WriteLine($"  {r.Origin}: {r.Reason}");
            if (s.RejectedCount > s.Rejected.Count) Console.Error.WriteLine($"  … and {s.RejectedCount - s.Rejected.Count:N0} more");
        }
    }

    /// <summary>IProgress that calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    public sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
