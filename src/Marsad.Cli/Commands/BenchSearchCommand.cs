using System.CommandLine;
using System.Diagnostics;
using Marsad.Store;
using Marsad.Store.Bench;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad bench search [--data DIR] [--queries N]</c>: latency percentiles of varied Arabic
/// queries generated from the archive's vocabulary (each search includes snippets and facets).
/// </summary>
public static class BenchSearchCommand
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec ts);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID); 0 elsewhere.</summary>
    private static double ThreadCpuMs()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        return ClockGetTime(3, out var ts) == 0 ? ts.Seconds * 1000.0 + ts.Nanoseconds / 1e6 : 0;
    }

    private static string? FindCorpus() => BenchCommand.FindCorpus();

    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var count = new Option<int>("--queries") { Description = "Queries to time (at least 200 recommended).", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the query generator.", DefaultValueFactory = _ => 42 };
        var limit = new Option<int>("--limit") { Description = "Hits per query (each gets a snippet).", DefaultValueFactory = _ => 10 };
        var quality = new Option<bool>("--quality")
        {
            Description = "Measure retrieval quality instead of latency: R@1 and MRR@10 on a news retrieval set built from the ANT corpus "
                + "(title and first-sentence queries), for Lucene's ArabicAnalyzer and Marsad's analyzer and rankings. Needs no archive.",
        };
        var input = new Option<string?>("--input", "-i") { Description = "--quality: the corpus (.jsonl[.gz] with title and text). Default: ../shared/corpus/" + Bench.TextBenchCommand.DefaultCorpus + "." };
        var docs = new Option<int>("--docs") { Description = "--quality: articles in the index.", DefaultValueFactory = _ => 8000 };
        var targets = new Option<int>("--targets") { Description = "--quality: articles asked for (each by its title and by its first sentence).", DefaultValueFactory = _ => 500 };
        docs.Validators.Add(v => { if (v.GetValueOrDefault<int>() < 100) v.AddError("--docs must be 100 or more"); });
        targets.Validators.Add(v => { if (v.GetValueOrDefault<int>() < 1) v.AddError("--targets must be 1 or more"); });
        var cmd = new Command("search", "Benchmark search: p50/p95/p99 latency over generated Arabic queries, or (--quality) retrieval quality.")
        {
            data, count, seed, limit, quality, input, docs, targets,
        };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            if (r.GetValue(quality))
            {
                var corpus = r.GetValue(input) ?? FindCorpus() ?? throw new Marsad.Ingest.InputException(
                    Path.Combine("..", "shared", "corpus", Bench.TextBenchCommand.DefaultCorpus), "default corpus not found; pass --input FILE");
                Bench.SearchQualityBench.Run(corpus, r.GetValue(docs), r.GetValue(targets), r.GetValue(seed), Console.Out, Console.Error);
                return CliErrors.Ok;
            }
            using var archive = ArchiveOptions.OpenExisting(r.GetValue(data)!);
            int n = Math.Max(1, r.GetValue(count));
            var queries = QueryGenerator.Generate(archive, n, r.GetValue(seed));
            var requests = queries.Select(q => q.Request with { Limit = r.GetValue(limit) }).ToList();
            // Warm-up: JIT and OS page cache, not measured.
            foreach (var q in requests.Take(Math.Min(50, requests.Count))) archive.Search(q);
            var times = new double[requests.Count];
            var cpu = new double[requests.Count];
            long totalHits = 0;
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < requests.Count; i++)
            {
                double c0 = ThreadCpuMs();
                long t0 = Stopwatch.GetTimestamp();
                var res = archive.Search(requests[i]);
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                cpu[i] = ThreadCpuMs() - c0;
                totalHits += res.Total;
            }
            wall.Stop();
            var sorted = times.Order().ToArray();
            var sortedCpu = cpu.Order().ToArray();
            double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            double C(double p) => sortedCpu[Math.Clamp((int)Math.Ceiling(p * sortedCpu.Length) - 1, 0, sortedCpu.Length - 1)];
            Console.WriteLine($"bench search: {archive.CountDocuments():N0} documents in {MarsadStores.Redact(archive.Location)}; {requests.Count} queries ({string.Join(", ", queries.GroupBy(q => q.Kind).Select(g => $"{g.Count()} {g.Key}"))}), limit {r.GetValue(limit)}, snippets and facets on");
            Console.WriteLine($"  latency ms: p50 {P(0.50):0.00} · p95 {P(0.95):0.00} · p99 {P(0.99):0.00} · max {sorted[^1]:0.00} · mean {times.Average():0.00}");
            if (sortedCpu[^1] > 0)
                Console.WriteLine($"  thread CPU ms (what the query costs when the machine is busy): p50 {C(0.50):0.00} · p95 {C(0.95):0.00} · p99 {C(0.99):0.00} · max {sortedCpu[^1]:0.00}");
            Console.WriteLine($"  {requests.Count / wall.Elapsed.TotalSeconds:N0} queries/s on one thread · {totalHits / (double)requests.Count:N0} hits per query on average");
            Console.WriteLine("  examples: " + string.Join(" | ", queries.Take(8).Select(q => q.Request.Query)));
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
