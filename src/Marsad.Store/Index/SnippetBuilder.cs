using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace Marsad.Store.Index;

/// <summary>
/// Best passages of a document for a query, with the matched words between markers. It picks
/// passages as Lucene's <see cref="Highlighter"/> with a <see cref="QueryTermScorer"/> and a
/// <see cref="SimpleFragmenter"/> did (fragments of about <c>length</c> characters cut at token
/// starts, scored by the distinct query terms they contain, the best two, ties to the earlier,
/// neighbours merged), but analyses only as much text as it needs: analysis (clitic splitting and
/// stemming) is most of a search's cost, and the best passages of a news article come early. It
/// stops at the first fragment boundary where two fragments already hold every query term, or
/// where a fragment with a match exists and <see cref="Lookahead"/> characters past the first match
/// were read, and never reads past <see cref="MaxChars"/>.
/// </summary>
internal sealed class SnippetBuilder
{
    /// <summary>Characters read at most (the old highlighter's limit).</summary>
    public const int MaxChars = 10_000;

    /// <summary>How far past the first match to look for a better passage.</summary>
    public const int Lookahead = 2_000;

    private readonly Dictionary<string, float> _weights;
    private readonly float _maxScore;

    /// <summary>Terms of <paramref name="query"/> on <paramref name="field"/> (prohibited ones left out), extracted once per search.</summary>
    public SnippetBuilder(Query query, string field)
    {
        Key = query.ToString();
        _weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var t in QueryTermExtractor.GetTerms(query, false, field))
            _weights[t.Term] = Math.Max(t.Weight, _weights.GetValueOrDefault(t.Term));
        _maxScore = _weights.Values.Sum();
    }

    public bool HasTerms => _weights.Count > 0;

    /// <summary>The query's text (names it exactly), for caches.</summary>
    public string Key { get; }

    private struct Fragment
    {
        public int Start, End, Num;
        public float Score;
        public List<(int Start, int End)> Marks;
        public HashSet<string> Seen;
    }

    /// <summary>The passages joined by " … " on one line with the matched words as offsets, or null when no query term occurs in the text read.</summary>
    public Snippet? Build(Analyzer analyzer, string field, string text, int length)
    {
        if (_weights.Count == 0 || text.Length == 0) return null;
        var frags = new List<Fragment>();
        var cur = NewFragment(0, 0);
        int full = 0, firstMatchEnd = -1, nextBoundary = length;
        using (var ts = analyzer.GetTokenStream(field, text))
        {
            var term = ts.AddAttribute<ICharTermAttribute>();
            var offset = ts.AddAttribute<IOffsetAttribute>();
            ts.Reset();
            while (ts.IncrementToken())
            {
                int start = offset.StartOffset, end = offset.EndOffset;
                if (start >= MaxChars || end > text.Length || start > end) break;
                if (end >= nextBoundary)
                {
                    // This token starts a new fragment (SimpleFragmenter: its end passes length × n).
                    // A fragment ends at its last token; what follows (spaces, stop words) opens the next one.
                    if (cur.Score > 0 && cur.Score >= _maxScore) full++;
                    frags.Add(cur);
                    if (full >= 2 || (firstMatchEnd >= 0 && start > firstMatchEnd + Lookahead)) break;
                    cur = NewFragment(cur.End, frags.Count);
                    while (end >= nextBoundary) nextBoundary += length;
                }
                var word = term.ToString();
                if (_weights.TryGetValue(word, out var weight))
                {
                    cur.Marks.Add((start, end));
                    if (cur.Seen.Add(word)) cur.Score += weight;
                    if (firstMatchEnd < 0) firstMatchEnd = end;
                }
                cur.End = end;
            }
            ts.End();
        }
        if (frags.Count == 0 || frags[^1].Num != cur.Num)
        {
            // The last fragment runs to the end of the text when all of it was read.
            if (cur.End > 0 && text.Length <= MaxChars && cur.End < text.Length) cur.End = text.Length;
            frags.Add(cur);
        }

        // The best two by score, the earlier on a tie; neighbours join into one passage.
        var best = frags.Where(f => f.Score > 0).OrderByDescending(f => f.Score).ThenBy(f => f.Num).Take(2).ToList();
        if (best.Count == 0) return null;
        if (best.Count == 2 && Math.Abs(best[0].Num - best[1].Num) == 1)
        {
            var (a, b) = best[0].Num < best[1].Num ? (best[0], best[1]) : (best[1], best[0]);
            a.Marks.AddRange(b.Marks);
            best = [a with { End = b.End, Score = Math.Max(a.Score, b.Score) }];
        }
        var w = new SnippetWriter(best.Count * (length + 32));
        for (int i = 0; i < best.Count; i++)
        {
            if (i > 0) w.Add(" … ", false);
            Append(w, text, best[i]);
        }
        return w.ToSnippet();
    }

    private static Fragment NewFragment(int start, int num) => new() { Start = start, End = start, Num = num, Marks = [], Seen = new(StringComparer.Ordinal) };

    private static void Append(SnippetWriter w, string text, Fragment f)
    {
        int pos = f.Start;
        foreach (var (s0, e0) in MergeOverlaps(f.Marks))
        {
            int s = Math.Max(s0, pos), e = Math.Min(e0, f.End);
            if (e <= s) continue;
            if (s > pos) w.Add(text.AsSpan(pos, s - pos), false);
            w.Add(text.AsSpan(s, e - s), true);
            pos = e;
        }
        if (f.End > pos) w.Add(text.AsSpan(pos, f.End - pos), false);
    }

    /// <summary>Stacked tokens (a word and its parts) give overlapping marks: one mark for each run.</summary>
    private static IEnumerable<(int Start, int End)> MergeOverlaps(List<(int Start, int End)> marks)
    {
        if (marks.Count == 0) yield break;
        marks.Sort();
        var (s, e) = marks[0];
        for (int i = 1; i < marks.Count; i++)
        {
            if (marks[i].Start < e) { e = Math.Max(e, marks[i].End); continue; }
            yield return (s, e);
            (s, e) = marks[i];
        }
        yield return (s, e);
    }
}

/// <summary>
/// Builds a <see cref="Snippet"/> on one line: runs of spaces, tabs and line breaks become one space (none at
/// either end), and the matched pieces are recorded as offsets of the text as written.
/// </summary>
internal sealed class SnippetWriter(int capacity = 256)
{
    private readonly StringBuilder _sb = new(capacity);
    private readonly List<Highlight> _highlights = [];
    private bool _space;

    public void Add(ReadOnlySpan<char> s, bool match)
    {
        int start = -1;
        foreach (char c in s)
        {
            if (c is '\n' or '\r' or '\t' or ' ') { _space = _sb.Length > 0; continue; }
            if (_space) _sb.Append(' ');
            _space = false;
            if (match && start < 0) start = _sb.Length;
            _sb.Append(c);
        }
        if (start >= 0) _highlights.Add(new Highlight(start, _sb.Length - start));
    }

    public Snippet ToSnippet() => new(_sb.ToString(), _highlights);
}
