using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Marsad.Store.Index;

namespace Marsad.Store.Postgres;

/// <summary>
/// Translates a query in Marsad's syntax into a PostgreSQL <c>tsquery</c> literal, passed as a
/// parameter (never spliced into SQL). The query is parsed by the embedded index's own parser
/// (<see cref="SearchIndex.Parse"/>: the same analyzer, clitics and stems, AND by default, "phrases",
/// OR, NOT/-, title:word, word*), and the parsed Lucene query is rewritten with Lucene's matching
/// rules: a clause list with required clauses ignores its optional ones, one with only prohibited
/// clauses matches nothing. Title terms carry weight A, body terms D (<see cref="SearchTerms"/>).
/// Fuzzy (word~) and sloppy phrases ("…"~N) have no tsquery form and are refused.
/// </summary>
internal static class TsQuery
{
    /// <summary>What a query matches: nothing, every document, or the documents of a tsquery.</summary>
    public readonly record struct Match(bool Nothing, string? Query)
    {
        public static readonly Match None = new(true, null);
        public static readonly Match All = new(false, null);
        public bool Everything => !Nothing && Query is null;
    }

    public static Match Translate(Query q) => q switch
    {
        MatchAllDocsQuery => Match.All,
        TermQuery t => Term(t.Term, prefix: false),
        PrefixQuery p => Term(p.Prefix, prefix: true),
        PhraseQuery p => Phrase(p),
        MultiPhraseQuery m => MultiPhrase(m),
        BooleanQuery b => Boolean(b),
        FuzzyQuery => throw new SearchRefusedException("fuzzy words (word~) are not supported by the PostgreSQL archive; use word* or the exact word"),
        WildcardQuery => throw new SearchRefusedException("wildcards inside a word (wo?d, w*d) are not supported by the PostgreSQL archive; only a trailing word* is"),
        _ => throw new SearchRefusedException($"this kind of query ({q.GetType().Name}) is not supported by the PostgreSQL archive"),
    };

    private static string? Weight(string field) => field switch
    {
        SearchIndex.TitleField => "A",
        SearchIndex.BodyField => "D",
        _ => null,
    };

    private static Match Term(Term term, bool prefix)
    {
        // Only title and body are searched as text; any other field (id:…, day:…) matches nothing in the index's query either.
        if (Weight(term.Field) is not { } w || term.Text.Length == 0) return Match.None;
        return new Match(false, Lexeme(term.Text, w, prefix));
    }

    private static string Lexeme(string text, string weight, bool prefix)
    {
        var sb = new StringBuilder(text.Length + 6);
        SearchTerms.Quote(sb, text);
        sb.Append(':');
        if (prefix) sb.Append('*');
        sb.Append(weight);
        return sb.ToString();
    }

    private static Match Phrase(PhraseQuery p)
    {
        if (p.Slop > 0) throw new SearchRefusedException("phrases with a distance (\"…\"~N) are not supported by the PostgreSQL archive");
        var terms = p.GetTerms();
        if (terms.Length == 0) return Match.None;
        var positions = p.GetPositions();
        var groups = terms.Select((t, i) => (Pos: positions[i], Term: t)).GroupBy(x => x.Pos).OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<Term>)g.Select(x => x.Term).ToList())).ToList();
        return PhraseOf(groups);
    }

    private static Match MultiPhrase(MultiPhraseQuery m)
    {
        if (m.Slop > 0) throw new SearchRefusedException("phrases with a distance (\"…\"~N) are not supported by the PostgreSQL archive");
        var arrays = m.GetTermArrays();
        var positions = m.GetPositions();
        var groups = arrays.Select((a, i) => (positions[i], (IReadOnlyList<Term>)a)).OrderBy(x => x.Item1).ToList();
        return groups.Count == 0 ? Match.None : PhraseOf(groups);
    }

    /// <summary>Terms at positions: <c>a &lt;d&gt; b &lt;d&gt; c</c>, alternatives at one position OR'ed.</summary>
    private static Match PhraseOf(List<(int Pos, IReadOnlyList<Term> Terms)> groups)
    {
        var sb = new StringBuilder();
        int previous = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            var (pos, terms) = groups[i];
            var alternatives = terms.Select(t => Weight(t.Field) is { } w ? Lexeme(t.Text, w, false) : null).Where(x => x is not null).ToList();
            if (alternatives.Count == 0) return Match.None;
            if (i > 0) sb.Append(" <").Append(pos - previous).Append("> ");
            sb.Append(alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")");
            previous = pos;
        }
        return new Match(false, groups.Count == 1 ? sb.ToString() : "(" + sb + ")");
    }

    private static Match Boolean(BooleanQuery b)
    {
        var must = new List<string>();
        var should = new List<string>();
        var mustNot = new List<string>();
        bool anyMust = false, shouldAll = false, anyShould = false;
        foreach (var c in b.Clauses)
        {
            var m = Translate(c.Query);
            switch (c.Occur)
            {
                case Occur.MUST:
                    anyMust = true;
                    if (m.Nothing) return Match.None;
                    if (m.Query is { } q) must.Add(q);
                    break;
                case Occur.SHOULD:
                    anyShould = true;
                    if (m.Everything) shouldAll = true;
                    else if (m.Query is { } s) should.Add(s);
                    break;
                default:
                    if (m.Everything) return Match.None;
                    if (m.Query is { } n) mustNot.Add(n);
                    break;
            }
        }
        if (b.MinimumNumberShouldMatch > 1) throw new SearchRefusedException("a minimum number of optional words is not supported by the PostgreSQL archive");
        var parts = new List<string>(must);
        if (!anyMust)
        {
            // Without required clauses, one optional clause must match; with none there is nothing to match.
            if (!anyShould) return Match.None;
            if (!shouldAll)
            {
                if (should.Count == 0) return Match.None;
                parts.Add(should.Count == 1 ? should[0] : "(" + string.Join(" | ", should) + ")");
            }
        }
        parts.AddRange(mustNot.Select(n => "!" + n));
        if (parts.Count == 0) return Match.All;
        return new Match(false, parts.Count == 1 ? parts[0] : "(" + string.Join(" & ", parts) + ")");
    }
}
