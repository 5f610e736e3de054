using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Marsad.Store.Index;

/// <summary>
/// What one search may cost. Lucene 4.8 has no determinisation limit, so a 12-character regular
/// expression (<c>/(.*a.{30})/</c>) builds an automaton that never finishes and takes gigabytes:
/// regular expressions are refused, wildcard and fuzzy terms are bounded in number and shape, and
/// every search runs under a time budget and the caller's cancellation (a client that went away).
/// </summary>
public static class QueryLimits
{
    /// <summary>Offset + limit of one search: deeper pages cost memory for every hit before them.</summary>
    public const int MaxResults = 10_000;

    /// <summary>Wildcard, prefix and fuzzy terms in one query (each expands to many index terms).</summary>
    public const int MaxExpandingTerms = 4;

    /// <summary>Searches with expanding terms run one at a time, so a stream of them leaves the other core to ordinary queries.</summary>
    internal static readonly SemaphoreSlim CostlySlot = new(1, 1);

    /// <summary>Whether a parsed query holds a wildcard, prefix or fuzzy term.</summary>
    internal static bool IsCostly(Query q)
    {
        int clauses = 0, expanding = 0;
        Walk(q, ref clauses, ref expanding);
        return expanding > 0;
    }

    /// <summary>Wildcard characters (<c>*</c>, <c>?</c>) in one term; more make the automaton blow up.</summary>
    public const int MaxWildcardsPerTerm = 3;

    /// <summary>Letters before the first wildcard: a one-letter prefix expands to a large share of the vocabulary.</summary>
    public const int MinWildcardPrefix = 2;

    /// <summary>Longest phrase slop (<c>"a b"~N</c>).</summary>
    public const int MaxSlop = 50;

    /// <summary>Clauses of one query after parsing (Lucene's own limit is 1,024 per boolean query, nested queries each).</summary>
    public const int MaxClauses = 256;

    /// <summary>Default wall-clock budget of a search.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    /// <summary>Refuses offsets and limits past <see cref="MaxResults"/>.</summary>
    public static void CheckPage(int offset, int limit)
    {
        if (limit < 0 || offset < 0) throw new SearchRefusedException("limit and offset must not be negative");
        if ((long)offset + limit > MaxResults)
            throw new SearchRefusedException($"a search returns at most {MaxResults:N0} results (offset {offset:N0} + limit {limit:N0} asked); narrow the query or the dates");
    }

    /// <summary>Counts the clauses and expanding terms of a parsed query and refuses one past the limits.</summary>
    internal static void Check(Query q)
    {
        int clauses = 0, expanding = 0;
        Walk(q, ref clauses, ref expanding);
        // Multi-field parsing repeats each term per field (title, body): count terms, not copies.
        if (expanding / 2 > MaxExpandingTerms)
            throw new SearchRefusedException($"the query has {expanding / 2} wildcard or fuzzy terms; at most {MaxExpandingTerms} are allowed");
        if (clauses > MaxClauses)
            throw new SearchRefusedException($"the query has {clauses} clauses; at most {MaxClauses} are allowed");
    }

    private static void Walk(Query q, ref int clauses, ref int expanding)
    {
        switch (q)
        {
            case BooleanQuery b:
                foreach (var c in b.Clauses) Walk(c.Query, ref clauses, ref expanding);
                break;
            case DisjunctionMaxQuery d:
                foreach (var c in d.Disjuncts) Walk(c, ref clauses, ref expanding);
                break;
            case FilteredQuery f:
                Walk(f.Query, ref clauses, ref expanding);
                break;
            case MultiTermQuery:
                clauses++;
                expanding++;
                break;
            default:
                clauses++;
                break;
        }
    }
}

/// <summary>A search refused before it ran, or stopped by its limits; the message names the reason for the user.</summary>
public class SearchRefusedException(string message, Exception? inner = null) : ArgumentException(message, inner);

/// <summary>A search stopped because it ran past its time budget.</summary>
public sealed class SearchTimeoutException(TimeSpan budget)
    : SearchRefusedException($"the search ran past its time budget of {budget.TotalSeconds:0.#} s and was stopped; narrow the query (fewer wildcard or fuzzy terms)");

/// <summary>
/// The classic query parser with costly syntax bounded: no regular expressions, wildcard terms
/// with a real prefix and few wildcards, fuzzy terms as Lucene allows (at most two edits), and a
/// bounded phrase slop. A refusal throws <see cref="SearchRefusedException"/> (not a
/// <see cref="ParseException"/>, which would fall back to searching the text as words).
/// </summary>
internal sealed class BoundedQueryParser(LuceneVersion version, string[] fields, Analyzer analyzer, IDictionary<string, float> boosts)
    : MultiFieldQueryParser(version, fields, analyzer, boosts)
{
    protected override Query GetRegexpQuery(string field, string termStr) =>
        throw new SearchRefusedException("regular expressions (/…/) are not supported: their cost cannot be bounded; use words, \"phrases\" or word*");

    protected override Query GetWildcardQuery(string field, string termStr)
    {
        CheckWildcards(termStr);
        return base.GetWildcardQuery(field, termStr);
    }

    protected override Query GetPrefixQuery(string field, string termStr)
    {
        CheckWildcards(termStr + "*");
        return base.GetPrefixQuery(field, termStr);
    }

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
        throw new SearchRefusedException("ranges of words ([a TO b]) are not supported: they expand to much of the vocabulary; filter by date with from/to");

    /// <summary>A fuzzy term keeps its first letter: the edit automaton then visits a small share of the terms.</summary>
    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
    {
        FuzzyPrefixLength = Math.Max(FuzzyPrefixLength, 1);
        return base.GetFuzzyQuery(field, termStr, minSimilarity);
    }

    protected override Query GetFieldQuery(string field, string queryText, int slop) =>
        base.GetFieldQuery(field, queryText, Math.Min(slop, QueryLimits.MaxSlop));

    private static void CheckWildcards(string term)
    {
        int first = term.AsSpan().IndexOfAny('*', '?');
        int count = 0;
        foreach (char c in term) if (c is '*' or '?') count++;
        if (count > QueryLimits.MaxWildcardsPerTerm)
            throw new SearchRefusedException($"'{Clip(term)}' has {count} wildcards; at most {QueryLimits.MaxWildcardsPerTerm} per word");
        if (first >= 0 && first < QueryLimits.MinWildcardPrefix)
            throw new SearchRefusedException($"'{Clip(term)}': a wildcard needs at least {QueryLimits.MinWildcardPrefix} letters before it");
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary>
/// Wraps the collectors of one search and stops it past its deadline or when the caller cancels.
/// Checked every 256 documents: a clock read per hit would cost more than the facets.
/// </summary>
internal sealed class BudgetCollector(ICollector inner, long deadlineTimestamp, TimeSpan budget, CancellationToken ct) : ICollector
{
    private int _n;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Check();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if ((++_n & 255) == 0) Check();
        inner.Collect(doc);
    }

    public void Check()
    {
        ct.ThrowIfCancellationRequested();
        if (System.Diagnostics.Stopwatch.GetTimestamp() > deadlineTimestamp) throw new SearchTimeoutException(budget);
    }
}
