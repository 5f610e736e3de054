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
    public static Command Create()
    {
        var data = ArchiveOptions.Data();
        var count = new Option<int>("--queries") { Description = "Queries to time (at least 200 recommended).", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the query generator.", DefaultValueFactory = _ => 42 };
        var limit = new Option<int>("--limit") { Description = "Hits per query (each gets a snippet).", DefaultValueFactory = _ => 10 };
        var cmd = new Command("search", "Benchmark search: p50/p95/p99 latency over generated Arabic queries.") { data, count, seed, limit };
        cmd.SetAction(r => CliErrors.Run(() =>
        {
            using var archive = ArchiveOptions.OpenExisting(r.GetValue(data)!);
            int n = Math.Max(1, r.GetValue(count));
            var queries = QueryGenerator.Generate(archive, n, r.GetValue(seed));
            var requests = queries.Select(q => q.Request with { Limit = r.GetValue(limit) }).ToList();
            // Warm-up: JIT and OS page cache, not measured.
            foreach (var q in requests.Take(Math.Min(50, requests.Count))) archive.Search(q);
            var times = new double[requests.Count];
            long totalHits = 0;
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < requests.Count; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                var res = archive.Search(requests[i]);
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                totalHits += res.Total;
            }
            wall.Stop();
            var sorted = times.Order().ToArray();
            double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            Console.WriteLine($"bench search: {archive.Count:N0} documents in {archive.DataDir}; {requests.Count} queries ({string.Join(", ", queries.GroupBy(q => q.Kind).Select(g => $"{g.Count()} {g.Key}"))}), limit {r.GetValue(limit)}, snippets and facets on");
            Console.WriteLine($"  latency ms: p50 {P(0.50):0.00} · p95 {P(0.95):0.00} · p99 {P(0.99):0.00} · max {sorted[^1]:0.00} · mean {times.Average():0.00}");
            Console.WriteLine($"  {requests.Count / wall.Elapsed.TotalSeconds:N0} queries/s on one thread · {totalHits / (double)requests.Count:N0} hits per query on average");
            Console.WriteLine("  examples: " + string.Join(" | ", queries.Take(8).Select(q => q.Request.Query)));
            return CliErrors.Ok;
        }));
        return cmd;
    }
}
