using System.Diagnostics;
using Marsad.Store.Index;

namespace Marsad.Store.Bench;

/// <summary>
/// Compares search on two stores holding the same archive (<c>marsad bench search-parity</c>): for each
/// boolean query, the whole hit set of each (<see cref="ISearchStore.MatchingIds"/>, every matching id, not
/// a ranked page: the two stores rank differently, so their best 10,000 of 11,000 hits are different
/// documents even when the 11,000 are the same) and the totals of an ordinary first page; and the
/// latency of that first page (10 hits with snippets and facets) on each.
/// </summary>
public static class SearchParity
{
    /// <summary>The outcome of one query: the hit sets' sizes and up to three ids found by one store only.</summary>
    public sealed record Outcome(QueryGenerator.BenchQuery Query, int TotalA, int TotalB, int SetA, int SetB,
        IReadOnlyList<string> OnlyA, IReadOnlyList<string> OnlyB, string? Refused)
    {
        public bool Same => Refused is null && TotalA == TotalB && SetA == SetB && SetA == TotalA && OnlyA.Count == 0 && OnlyB.Count == 0;
    }

    public sealed record Report(IReadOnlyList<Outcome> Outcomes, IReadOnlyList<double> PageMsA, IReadOnlyList<double> PageMsB,
        IReadOnlyList<double> SetMsA, IReadOnlyList<double> SetMsB)
    {
        public int Same => Outcomes.Count(o => o.Same);
        public int Refused => Outcomes.Count(o => o.Refused is not null);
    }

    public static Report Compare(ISearchStore a, ISearchStore b, IReadOnlyList<QueryGenerator.BenchQuery> queries, TimeSpan? budget = null)
    {
        var outcomes = new List<Outcome>(queries.Count);
        List<double> pageA = [], pageB = [], setA = [], setB = [];
        foreach (var q in queries)
        {
            var page = q.Request with { Offset = 0, Limit = 10, Facets = true, TimeBudget = budget ?? q.Request.TimeBudget };
            try
            {
                var sw = Stopwatch.StartNew();
                var ra = a.Search(page);
                pageA.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                var rb = b.Search(page);
                pageB.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                var ia = a.MatchingIds(page);
                setA.Add(sw.Elapsed.TotalMilliseconds);
                sw.Restart();
                var ib = b.MatchingIds(page);
                setB.Add(sw.Elapsed.TotalMilliseconds);
                var sa = new HashSet<string>(ia, StringComparer.Ordinal);
                var sb = new HashSet<string>(ib, StringComparer.Ordinal);
                outcomes.Add(new Outcome(q, ra.Total, rb.Total, ia.Count, ib.Count,
                    ia.Where(id => !sb.Contains(id)).Take(3).ToList(), ib.Where(id => !sa.Contains(id)).Take(3).ToList(), null));
            }
            catch (SearchRefusedException e)
            {
                outcomes.Add(new Outcome(q, -1, -1, -1, -1, [], [], e.Message));
            }
        }
        return new Report(outcomes, pageA, pageB, setA, setB);
    }

    /// <summary>The <paramref name="p"/> quantile (nearest rank) of <paramref name="xs"/>; 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> xs, double p)
    {
        if (xs.Count == 0) return 0;
        var s = xs.Order().ToList();
        return s[Math.Clamp((int)Math.Ceiling(p * s.Count) - 1, 0, s.Count - 1)];
    }
}
