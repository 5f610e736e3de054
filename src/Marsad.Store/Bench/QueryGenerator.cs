using Marsad.Text;

namespace Marsad.Store.Bench;

/// <summary>
/// Builds a varied set of Arabic queries from the archive's own vocabulary (for <c>marsad bench search</c>):
/// single words across the frequency range, word pairs and two-word phrases from titles, OR and NOT
/// queries, and words with a source or date filter; with <c>layerFilters</c> also words with an entity or an
/// event-type filter drawn from the sampled documents' analyses. Deterministic for a given seed.
/// </summary>
public static class QueryGenerator
{
    public sealed record BenchQuery(string Kind, SearchRequest Request);

    public static List<BenchQuery> Generate(IDocumentStore archive, int count, int seed = 42, int sampleDocs = 4000, bool layerFilters = false)
    {
        long total = archive.CountDocuments();
        if (total == 0) throw new InvalidOperationException("the archive is empty");
        long step = Math.Max(1, total / sampleDocs);
        var titles = new List<(string[] Words, string? Outlet, DateOnly? Published, string Id)>();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        long i = 0;
        foreach (var d in archive.EnumerateDocuments())
        {
            if (i++ % step != 0) continue;
            var words = new List<string>();
            var text = d.Title.AsSpan();
            foreach (var t in ArabicTokenizer.Tokenize(text))
                if (t.Kind == TokenKind.ArabicWord && t.Length >= 3) words.Add(text.Slice(t.Start, t.Length).ToString());
            if (words.Count == 0) continue;
            titles.Add((words.ToArray(), d.Outlet, d.Published, d.Id));
            foreach (var w in words.Distinct()) df[w] = df.GetValueOrDefault(w) + 1;
        }
        if (titles.Count == 0) throw new InvalidOperationException("no Arabic titles to draw queries from");
        // Words by frequency; the very commonest are mostly function words, kept but not dominant.
        var vocab = df.Where(kv => kv.Value >= 2).OrderByDescending(kv => kv.Value).Select(kv => kv.Key).ToList();
        if (vocab.Count < 10) vocab = df.Keys.ToList();
        var rnd = new Random(seed);
        string Word()
        {
            // Rank drawn log-uniformly: frequent, middling and rare words all appear.
            int rank = (int)Math.Floor(Math.Exp(rnd.NextDouble() * Math.Log(vocab.Count)));
            return vocab[Math.Clamp(rank - 1, 0, vocab.Count - 1)];
        }
        var outlets = titles.Select(t => t.Outlet).OfType<string>().Distinct().ToList();
        var years = titles.Select(t => t.Published?.Year).OfType<int>().Distinct().ToList();
        var list = new List<BenchQuery>(count);
        while (list.Count < count)
        {
            var title = titles[rnd.Next(titles.Count)];
            int k = list.Count % (layerFilters ? 12 : 10);
            if (k >= 10 && LayerFiltered(archive, title.Id, title.Words, k == 10, rnd) is { } layered)
            {
                list.Add(layered);
                continue;
            }
            BenchQuery q = k switch
            {
                0 or 1 or 2 => new("word", new SearchRequest { Query = Word() }),
                3 => new("word", new SearchRequest { Query = title.Words[rnd.Next(title.Words.Length)] }),
                4 or 5 when title.Words.Length >= 2 => Pair(title.Words, rnd, phrase: false),
                6 when title.Words.Length >= 2 => Pair(title.Words, rnd, phrase: true),
                7 => new("or", new SearchRequest { Query = $"{Word()} OR {Word()}" }),
                8 => new("not", new SearchRequest { Query = $"{title.Words[rnd.Next(title.Words.Length)]} -{Word()}" }),
                9 when outlets.Count > 0 && rnd.Next(2) == 0 => new("word+source", new SearchRequest { Query = Word(), Source = outlets[rnd.Next(outlets.Count)] }),
                9 when years.Count > 0 => DateFiltered(Word(), years[rnd.Next(years.Count)], rnd),
                _ => new("word", new SearchRequest { Query = Word() }),
            };
            list.Add(q);
        }
        return list;
    }

    /// <summary>
    /// A word of the document's title with one of its entities (<paramref name="entity"/>) or event types as the
    /// filter; null when its analysis has none (the caller then draws an ordinary query).
    /// </summary>
    private static BenchQuery? LayerFiltered(IDocumentStore archive, string id, string[] words, bool entity, Random rnd)
    {
        var analysis = archive.GetAnalysis(id);
        if (analysis is null) return null;
        string word = words[rnd.Next(words.Length)];
        if (entity)
        {
            var keys = analysis.Entities.Select(StoreKeys.Entity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return keys.Count == 0 ? null : new("word+entity", new SearchRequest { Query = word, Entity = keys[rnd.Next(keys.Count)] });
        }
        var types = analysis.Events.Select(e => e.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Half of them with no words: the filter alone (every document with an event of the type).
        if (types.Count == 0) return null;
        string type = types[rnd.Next(types.Count)];
        return rnd.Next(2) == 0 ? new("word+event", new SearchRequest { Query = word, EventType = type }) : new("event", new SearchRequest { Query = "", EventType = type });
    }

    private static BenchQuery Pair(string[] words, Random rnd, bool phrase)
    {
        int a = rnd.Next(words.Length - 1);
        return phrase
            ? new("phrase", new SearchRequest { Query = $"\"{words[a]} {words[a + 1]}\"" })
            : new("pair", new SearchRequest { Query = $"{words[a]} {words[rnd.Next(words.Length)]}" });
    }

    private static BenchQuery DateFiltered(string word, int year, Random rnd)
    {
        int month = rnd.Next(1, 13);
        var from = new DateOnly(year, month, 1);
        return new("word+dates", new SearchRequest { Query = word, From = from, To = from.AddMonths(3).AddDays(-1) });
    }
}
