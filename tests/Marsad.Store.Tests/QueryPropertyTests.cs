using System.Diagnostics;
using CsCheck;
using Marsad.Store.Index;
using Xunit.Abstractions;

namespace Marsad.Store.Tests;

/// <summary>
/// Issue 14, must show: random queries built from Lucene's syntax (regular expressions, wildcards,
/// fuzzy and range terms, boosts, fields, unbalanced brackets and quotes) either search within their
/// limits or are refused with a reason; nothing else is thrown and no search runs past its budget.
/// </summary>
public sealed class QueryPropertyTests(ITestOutputHelper output) : TempArchive
{
    private static readonly Gen<string> Piece = Gen.OneOfConst(
        "/", "/.*/", "(.*a.{30})", "*", "?", "~", "~2", "~0.5", "\"", "(", ")", "[", "]", "{", "}", " TO ", "^", "^2", "^-1", "\\", ":", "title:", "body:",
        "entity:", " AND ", " OR ", " NOT ", "+", "-", "&&", "||", "!", "مصر", "المغرب", "الرباط", "و", "ال", "a", "z*", "مع*", "٢٠٢٣", "*:*", " ", "  ", "\t");

    private static readonly Gen<string> Query = Piece.Array[0, 20].Select(p => string.Concat(p));

    [Fact]
    public void Any_query_searches_within_limits_or_is_refused()
    {
        using var a = MarsadArchive.Open(DataDir);
        a.Ingest(Enumerable.Range(1, 12).Select(i => Article(Corpus.Title(i), Corpus.Body(i), "2024-01-01")), Small);
        int searched = 0, refused = 0;
        var sw = Stopwatch.StartNew();
        Gen.Select(Query, Gen.Int[0, 30], Gen.Int[0, 30]).Sample((q, limit, offset) =>
        {
            var t = Stopwatch.StartNew();
            try
            {
                var r = a.Search(new SearchRequest { Query = q, Limit = limit, Offset = offset, TimeBudget = TimeSpan.FromSeconds(2) });
                Assert.InRange(r.Total, 0, 12);
                Assert.True(r.Hits.Count <= limit);
                Assert.Equal(r.Hits.Count, r.Hits.Select(h => h.Id).Distinct().Count());
                Interlocked.Increment(ref searched);
            }
            catch (SearchRefusedException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Interlocked.Increment(ref refused);
            }
            Assert.True(t.Elapsed < TimeSpan.FromSeconds(10), $"'{q}' took {t.Elapsed.TotalSeconds:0.0} s");
        }, iter: 1500);
        output.WriteLine($"query parser: {searched + refused} queries in {sw.Elapsed.TotalSeconds:0.00} s ({searched} searched, {refused} refused with a reason)");
        Assert.True(refused > 0 && searched > 0);
    }
}
