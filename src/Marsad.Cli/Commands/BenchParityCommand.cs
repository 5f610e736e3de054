using System.CommandLine;
using System.Diagnostics;
using Marsad.Store;
using Marsad.Store.Bench;
using Marsad.Store.Postgres;

namespace Marsad.Cli.Commands;

/// <summary>
/// <c>marsad bench search-parity --data DIR --store postgres://…</c>: the same archive in both stores
/// (ingested from the same input), searched with the same generated queries (words, pairs, phrases, OR,
/// NOT, and source, date, entity and event-type filters): the whole hit sets (every matching id, not a
/// ranked page, which differs between two rankings once a query has more hits than a page holds) and the
/// totals compared; R@1 of titles as queries (their article the answer) and p50/p99 latency of each store.
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

    private static readonly TimeSpan ParityBudget = TimeSpan.FromSeconds(60);

    private static int Run(string dataDir, string url, int count, int titleCount, int seed)
    {
        using var embedded = ArchiveOptions.OpenExisting(dataDir);
        using var pg = ArchiveOptions.OpenExisting(url);
        if (embedded.CountDocuments() != pg.CountDocuments())
            Console.Error.WriteLine($"marsad: the stores differ: {embedded.CountDocuments():N0} documents embedded, {pg.CountDocuments():N0} on PostgreSQL");
        var queries = QueryGenerator.Generate(embedded, count, seed, layerFilters: true);
        // One query on each first: the first search of a process opens readers and connections.
        var warm = new SearchRequest { Query = queries[0].Request.Query, Limit = 10 };
        embedded.Search(warm);
        pg.Search(warm);
        // The hit sets are compared, not the time limit: a generous budget, so that a loaded machine does not
        // refuse a common word's search on one store (the latencies are printed apart).
        var report = SearchParity.Compare(embedded, pg, queries, ParityBudget);
        var kinds = string.Join(", ", queries.GroupBy(q => q.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        Console.WriteLine($"queries: {kinds}; {report.Outcomes.Count(o => o.TotalA > Store.Index.QueryLimits.MaxResults)} with more than {Store.Index.QueryLimits.MaxResults:N0} hits");
        Console.WriteLine($"hit sets (every matching id): {report.Same}/{queries.Count} identical ({report.Refused} refused past a budget of {ParityBudget.TotalSeconds:0} s)");
        foreach (var o in report.Outcomes.Where(o => !o.Same).Take(20))
            Console.WriteLine(o.Refused is { } why
                ? $"  refused: {o.Query.Kind} «{o.Query.Request.Query}» {Filters(o.Query.Request)}: {why}"
                : $"  differs: {o.Query.Kind} «{o.Query.Request.Query}» {Filters(o.Query.Request)}: totals {o.TotalA} embedded, {o.TotalB} PostgreSQL; "
                  + $"sets {o.SetA} / {o.SetB}; only embedded [{string.Join(", ", o.OnlyA)}], only PostgreSQL [{string.Join(", ", o.OnlyB)}]");
        Console.WriteLine($"latency (first page: 10 hits with snippets and facets) embedded p50 {P(report.PageMsA, 0.5):0.0} ms p99 {P(report.PageMsA, 0.99):0.0} ms"
            + $" · PostgreSQL p50 {P(report.PageMsB, 0.5):0.0} ms p99 {P(report.PageMsB, 0.99):0.0} ms");
        Console.WriteLine($"latency (whole hit set, ids) embedded p50 {P(report.SetMsA, 0.5):0.0} ms p99 {P(report.SetMsA, 0.99):0.0} ms"
            + $" · PostgreSQL p50 {P(report.SetMsB, 0.5):0.0} ms p99 {P(report.SetMsB, 0.99):0.0} ms");

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
            // A long OR of common words is a costly query: a generous budget on both, so that none is cut off.
            var req = new SearchRequest { Query = words, Limit = 10, TimeBudget = ParityBudget };
            var sw = Stopwatch.StartNew();
            SearchResults a, b;
            try
            {
                a = embedded.Search(req);
                lA.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                b = pg.Search(req);
                lB.Add(sw.Elapsed.TotalMilliseconds);
            }
            catch (Store.Index.SearchRefusedException e)
            {
                Console.WriteLine($"  title refused: «{d.Title}»: {e.Message}");
                continue;
            }
            if (a.Hits.Count > 0 && a.Hits[0].Id == d.Id) hitA++;
            if (b.Hits.Count > 0 && b.Hits[0].Id == d.Id) hitB++;
        }
        int n = Math.Max(1, lA.Count);
        Console.WriteLine($"titles as queries ({lA.Count}): R@1 embedded (BM25) {hitA / (double)n:0.000} · PostgreSQL (ts_rank) {hitB / (double)n:0.000}");
        Console.WriteLine($"latency (10 hits with snippets and facets) embedded p50 {P(lA, 0.5):0.0} ms p99 {P(lA, 0.99):0.0} ms · PostgreSQL p50 {P(lB, 0.5):0.0} ms p99 {P(lB, 0.99):0.0} ms");
        double r1A = hitA / (double)n, r1B = hitB / (double)n;
        if (Math.Abs(r1A - r1B) > 0.05) Console.WriteLine($"R@1 differs by {Math.Abs(r1A - r1B):0.000} (more than 0.05)");
        return report.Same == queries.Count && Math.Abs(r1A - r1B) <= 0.05 ? CliErrors.Ok : CliErrors.Failed;
    }

    private static string Filters(SearchRequest r) =>
        string.Join(" ", new[] { r.Source is null ? null : "source=" + r.Source, r.From is null ? null : "from=" + r.From, r.To is null ? null : "to=" + r.To,
            r.Entity is null ? null : "entity=" + r.Entity, r.EventType is null ? null : "event=" + r.EventType }.Where(x => x is not null));

    private static double P(IReadOnlyList<double> xs, double p) => SearchParity.Percentile(xs, p);
}
