using System.CommandLine;
using System.Diagnostics;
using Marsad.Store;
using Marsad.Store.Bench;
using Marsad.Store.Postgres;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad bench search-parity --data DIR --store postgres://…</c>: the same archive in both stores
/// (ingested from the same input), searched with the same generated queries: hit sets (every hit up to
/// <see cref="Store.Index.QueryLimits.MaxResults"/>) and totals compared; R@1 of titles as queries
/// (their article the answer) and p50/p99 latency of each store.
/// </summary>
public static class BenchParityCommand
{
    public static Command Create()
    {
        var data = ArchiveOptions.Data(storeAlias: false);
        var store = PostgresCommands.Store(required: true);
        var count = new Option<int>("--queries") { Description = "Boolean queries to compare.", DefaultValueFactory = _ => 300 };
        var titles = new Option<int>("--titles") { Description = "Titles searched for the R@1 of each store.", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the query generator.", DefaultValueFactory = _ => 42 };
        var cmd = new Command("search-parity", "Compare search on a PostgreSQL archive with the embedded index of the same articles: hit sets, R@1 and latency.") { data, store, count, titles, seed };
        cmd.SetAction(r => CliErrors.Run(() => Run(r.GetValue(data)!, r.GetValue(store)!, r.GetValue(count), r.GetValue(titles), r.GetValue(seed))));
        return cmd;
    }

    private static int Run(string dataDir, string url, int count, int titleCount, int seed)
    {
        using var embedded = ArchiveOptions.OpenExisting(dataDir);
        using var pg = PostgresArchive.Open(url);
        if (embedded.CountDocuments() != pg.Count) Console.Error.WriteLine($"marsad: the stores differ: {embedded.CountDocuments():N0} documents embedded, {pg.Count:N0} on PostgreSQL");
        var queries = QueryGenerator.Generate(embedded, count, seed);
        int same = 0, refused = 0;
        var tA = new List<double>();
        var tB = new List<double>();
        var misses = new List<string>();
        foreach (var q in queries)
        {
            var req = q.Request with { Limit = Store.Index.QueryLimits.MaxResults, Facets = false };
            var sw = Stopwatch.StartNew();
            var a = embedded.Search(req);
            tA.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            SearchResults b;
            try { b = pg.Search(req); }
            catch (Store.Index.SearchRefusedException e) { refused++; misses.Add($"{q.Kind} «{q.Request.Query}»: refused ({e.Message})"); continue; }
            tB.Add(sw.Elapsed.TotalMilliseconds);
            if (a.Total == b.Total && a.Hits.Select(h => h.Id).Order(StringComparer.Ordinal).SequenceEqual(b.Hits.Select(h => h.Id).Order(StringComparer.Ordinal))) same++;
            else misses.Add($"{q.Kind} «{q.Request.Query}» {Filters(q.Request)}: {a.Total} embedded, {b.Total} PostgreSQL");
        }
        Console.WriteLine($"hit sets: {same}/{queries.Count} identical ({refused} refused by PostgreSQL)");
        foreach (var m in misses.Take(20)) Console.WriteLine($"  differs: {m}");
        Console.WriteLine($"latency (full hit list, no facets) embedded p50 {P(tA, 0.5):0.0} ms p99 {P(tA, 0.99):0.0} ms · PostgreSQL p50 {P(tB, 0.5):0.0} ms p99 {P(tB, 0.99):0.0} ms");

        // Titles as queries (their words, any of them), the article as the one answer.
        var docs = embedded.EnumerateDocuments().Where(d => d.Title.Length > 10).ToList();
        var rnd = new Random(seed);
        var sample = docs.OrderBy(_ => rnd.Next()).Take(titleCount).ToList();
        int hitA = 0, hitB = 0;
        var lA = new List<double>();
        var lB = new List<double>();
        foreach (var d in sample)
        {
            string words = string.Join(" OR ", d.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 1 && w is not ("OR" or "AND" or "NOT")));
            if (words.Length == 0) continue;
            var req = new SearchRequest { Query = words, Limit = 10 };
            var sw = Stopwatch.StartNew();
            var a = embedded.Search(req);
            lA.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var b = pg.Search(req);
            lB.Add(sw.Elapsed.TotalMilliseconds);
            if (a.Hits.Count > 0 && a.Hits[0].Id == d.Id) hitA++;
            if (b.Hits.Count > 0 && b.Hits[0].Id == d.Id) hitB++;
        }
        int n = Math.Max(1, lA.Count);
        Console.WriteLine($"titles as queries ({lA.Count}): R@1 embedded (BM25) {hitA / (double)n:0.000} · PostgreSQL (ts_rank_cd) {hitB / (double)n:0.000}");
        Console.WriteLine($"latency (10 hits with snippets and facets) embedded p50 {P(lA, 0.5):0.0} ms p99 {P(lA, 0.99):0.0} ms · PostgreSQL p50 {P(lB, 0.5):0.0} ms p99 {P(lB, 0.99):0.0} ms");
        return same == queries.Count ? CliErrors.Ok : CliErrors.Failed;
    }

    private static string Filters(SearchRequest r) =>
        string.Join(" ", new[] { r.Source is null ? null : "source=" + r.Source, r.From is null ? null : "from=" + r.From, r.To is null ? null : "to=" + r.To }.Where(x => x is not null));

    private static double P(List<double> xs, double p)
    {
        if (xs.Count == 0) return 0;
        var s = xs.Order().ToList();
        return s[Math.Min(s.Count - 1, (int)Math.Ceiling(p * s.Count) - 1)];
    }
}
