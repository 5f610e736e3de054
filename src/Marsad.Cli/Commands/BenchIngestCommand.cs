using System.CommandLine;
using Marsad.Extraction;
using Marsad.Ingest;
using Marsad.Store;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad bench ingest [INPUT] [--data DIR] [--limit N]</c>: ingests a corpus (default: the ANT
/// corpus) into a fresh archive, then again into the same archive, and prints articles/s, MB/s,
/// peak memory, archive size and the speed-up of the second (no-op) run.
/// </summary>
public static class BenchIngestCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("input") { Description = "Corpus to ingest (default: shared/corpus/ant-multisource-v2.1.jsonl.gz found from the working folder up).", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string?>("--data", "-d") { Description = "Archive folder to create (must not exist or be empty; kept). Default: a temporary folder, deleted afterwards." };
        var limit = new Option<int>("--limit") { Description = "Only the first N articles (0: all).", DefaultValueFactory = _ => 0 };
        var workers = new Option<int>("--workers") { Description = "Analysis threads.", DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 4) };
        var cmd = new Command("ingest", "Benchmark ingest: articles/s, MB/s, peak memory, index size, and a second (idempotent) run.") { input, data, limit, workers };
        cmd.SetAction(r => CliErrors.Run(() => Run(r.GetValue(input), r.GetValue(data), r.GetValue(limit), r.GetValue(workers))));
        return cmd;
    }

    private static int Run(string? input, string? data, int limit, int workers)
    {
        input ??= BenchCommand.FindCorpus() ?? throw new InputException("bench ingest", "no corpus given and shared/corpus/ant-multisource-v2.1.jsonl.gz not found (pass a path or set MARSAD_CORPUS)");
        if (!File.Exists(input) && !Directory.Exists(input)) throw new InputException(input, "no such file or folder");
        bool temp = data is null;
        string dir = data ?? Path.Combine(Path.GetTempPath(), "marsad-bench-" + Guid.NewGuid().ToString("N")[..8]);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new InputException(dir, "the benchmark needs a new or empty folder (it will not overwrite an archive)");
        long inputBytes = File.Exists(input) ? new FileInfo(input).Length : Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var options = new IngestOptions { Workers = Math.Max(1, workers) };
        Console.WriteLine($"bench ingest: {input} ({ArchiveOptions.Size(inputBytes)}) → {dir}");
        Console.WriteLine($"pipeline: {string.Join(" → ", MarsadPipeline.Default.Stages.Select(s => s.Name))}; {options.Workers} analysis threads; {Environment.ProcessorCount} cores");
        try
        {
            IngestSummary first, second;
            long textChars;
            using (var archive = MarsadStores.Open(dir))
            {
                first = archive.Ingest(Items(input, limit), options);
                textChars = first.TextChars;
                var info = archive.Describe();
                double s = first.Elapsed.TotalSeconds;
                Console.WriteLine($"first run:  {first.Stored:N0} stored of {first.Read:N0} read ({first.Duplicates:N0} duplicates, {first.NearDuplicates:N0} near-duplicates in {first.Clusters:N0} clusters, {first.RejectedCount:N0} rejected)");
                Console.WriteLine($"  wall {s:0.0} s · {first.Read / s:N0} articles/s · input {inputBytes / s / 1e6:0.00} MB/s · text {textChars * 2 / s / 1e6:0.00} MB/s (UTF-16)");
                Console.WriteLine($"  peak memory {ArchiveOptions.Size(BenchCommand.PeakMemoryBytes())} · database {ArchiveOptions.Size(info.DatabaseBytes ?? 0)} · index {ArchiveOptions.Size(info.IndexBytes ?? 0)}");
                Console.WriteLine($"  cpu {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s · thread time per step: {string.Join(", ", first.StepTimes.Select(kv => $"{kv.Key} {kv.Value.TotalSeconds:0.0} s"))}");
                foreach (var rj in first.Rejected.Take(5)) Console.WriteLine($"  rejected {rj.Origin}: {rj.Reason}");
            }
            using (var archive = MarsadStores.Open(dir))
            {
                second = archive.Ingest(Items(input, limit), options);
                double s = second.Elapsed.TotalSeconds;
                Console.WriteLine($"second run: {second.Stored:N0} stored, {second.Duplicates:N0} skipped as already stored · wall {s:0.0} s · {first.Elapsed.TotalSeconds / s:0.0}× faster");
                Console.WriteLine($"archive: {archive.CountDocuments():N0} documents · peak memory {ArchiveOptions.Size(BenchCommand.PeakMemoryBytes())}");
            }
            return CliErrors.Ok;
        }
        finally
        {
            if (temp && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<IngestItem> Items(string input, int limit)
    {
        var items = ArticleSources.Read([input]);
        return limit > 0 ? items.Take(limit) : items;
    }
}
